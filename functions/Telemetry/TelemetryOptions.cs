namespace Orbit.Functions.Telemetry;

/// <summary>
/// Where the worker's traces, metrics and logs go, from the settings every OpenTelemetry and Azure Monitor user knows (they
/// are not under a section of ours): Application Insights when <see cref="ApplicationInsightsConnectionString"/> is set, an
/// OTLP collector when <see cref="OtlpEndpoint"/> is set, both when both are, and nowhere when neither is.
/// </summary>
public sealed class TelemetryOptions
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The Application Insights component's connection string: it names the component (and its ingestion endpoint).</summary>
    public string? ApplicationInsightsConnectionString { get; set; }

    /// <summary>
    /// <c>Authorization=AAD</c>, with <c>ClientId=&lt;client id&gt;</c> for a user-assigned identity: the exporter then sends
    /// with an Entra token, as a component with local authentication off requires.
    /// </summary>
    public string? ApplicationInsightsAuthentication { get; set; }

    /// <summary>The OTLP collector's base URL; the exporter reads its protocol, headers and the rest from the other <c>OTEL_EXPORTER_OTLP_*</c> settings.</summary>
    public string? OtlpEndpoint { get; set; }

    public bool ExportsToAzureMonitor => !string.IsNullOrWhiteSpace(ApplicationInsightsConnectionString);

    public bool ExportsToOtlp => !string.IsNullOrWhiteSpace(OtlpEndpoint);

    public static TelemetryOptions From(IConfiguration configuration) => new()
    {
        ApplicationInsightsConnectionString = configuration[ConnectionStringSetting],
        ApplicationInsightsAuthentication = configuration[AuthenticationStringSetting],
        OtlpEndpoint = configuration[OtlpEndpointSetting],
    };
}
