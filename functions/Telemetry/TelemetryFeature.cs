using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Options;
using OpenTelemetry;

namespace Orbit.Functions.Telemetry;

public static class TelemetryFeature
{
    /// <summary>
    /// OpenTelemetry in the worker: traces, metrics and logs, with the Functions worker's defaults (its resource detector,
    /// the invocation's trace context), exported to Application Insights (<c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>,
    /// with Entra auth from <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>) and/or an OTLP collector
    /// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>). With neither set nothing is collected, so nothing is paid for. Settings are
    /// validated at start; invalid ones configure no exporter and stop the start with the reason.
    /// </summary>
    public static FunctionsApplicationBuilder AddTelemetry(this FunctionsApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        builder.Services.AddOptions<TelemetryOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                var read = TelemetryOptions.From(configuration);
                options.ApplicationInsightsConnectionString = read.ApplicationInsightsConnectionString;
                options.ApplicationInsightsAuthentication = read.ApplicationInsightsAuthentication;
                options.OtlpEndpoint = read.OtlpEndpoint;
            })
            .ValidateOnStart();

        var settings = TelemetryOptions.From(builder.Configuration);
        if (!(settings.ExportsToAzureMonitor || settings.ExportsToOtlp) || new TelemetryOptionsValidator().Validate(null, settings).Failed)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddOrbitSources())
            .WithMetrics(metrics => metrics.AddOrbitMeters())
            .WithLogging();
        if (settings.ExportsToAzureMonitor)
        {
            telemetry.UseAzureMonitorExporter(exporter =>
            {
                exporter.ConnectionString = settings.ApplicationInsightsConnectionString;
                if (settings.ApplicationInsightsAuthentication is { Length: > 0 } authentication)
                {
                    ApplicationInsightsAuthentication.TryParse(authentication, out var credential);
                    exporter.Credential = credential;
                }
            });
        }

        if (settings.ExportsToOtlp)
        {
            // Reads OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, _HEADERS and the per-signal settings, as every OpenTelemetry SDK does.
            telemetry.UseOtlpExporter();
        }

        return builder;
    }
}
