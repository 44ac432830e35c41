using Microsoft.Extensions.Options;

namespace Orbit.Functions.Telemetry;

/// <summary>
/// Checks the telemetry settings at start, saying which setting is wrong and how, never quoting a value: a connection
/// string is not a key, but it is nobody's business in a log either.
/// </summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static IEnumerable<string> Problems(TelemetryOptions options)
    {
        if (options.ExportsToAzureMonitor)
        {
            var parts = ApplicationInsightsAuthentication.Pairs(options.ApplicationInsightsConnectionString!);
            if (!parts.TryGetValue("InstrumentationKey", out var key) || !Guid.TryParse(key, out _))
            {
                yield return $"{TelemetryOptions.ConnectionStringSetting} must be the Application Insights component's connection string, with InstrumentationKey=<guid>; copy it from the component's overview.";
            }

            if (parts.TryGetValue("IngestionEndpoint", out var endpoint) && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
            {
                yield return $"The IngestionEndpoint of {TelemetryOptions.ConnectionStringSetting} must be an absolute https URL.";
            }
        }

        if (!string.IsNullOrWhiteSpace(options.ApplicationInsightsAuthentication))
        {
            if (!options.ExportsToAzureMonitor)
            {
                yield return $"{TelemetryOptions.AuthenticationStringSetting} is set without {TelemetryOptions.ConnectionStringSetting}: set both, or neither.";
            }

            if (ApplicationInsightsAuthentication.TryParse(options.ApplicationInsightsAuthentication, out _) is { } problem)
            {
                yield return problem;
            }
        }

        if (options.ExportsToOtlp && !(Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var otlp) && (otlp.Scheme == Uri.UriSchemeHttp || otlp.Scheme == Uri.UriSchemeHttps)))
        {
            yield return $"{TelemetryOptions.OtlpEndpointSetting} must be the collector's absolute http or https URL, such as http://127.0.0.1:4317.";
        }
    }
}
