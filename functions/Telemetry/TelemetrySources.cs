using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orbit.Quota.Telemetry;
using Orbit.Registry.Telemetry;
using Orbit.ServiceBus.Telemetry;

namespace Orbit.Functions.Telemetry;

/// <summary>
/// What the worker collects, beside the Functions worker's own invocation spans: the libraries' sources and meters (each
/// library names its own, on System.Diagnostics only) and outgoing HTTP (the registry, storage, ARM; the instrumentation
/// redacts query strings and records no header). One place, so a test collects exactly what the app exports.
/// </summary>
public static class TelemetrySources
{
    public static readonly IReadOnlyList<string> ActivitySources = [RegistryTelemetry.SourceName, QuotaTelemetry.SourceName];

    public static readonly IReadOnlyList<string> Meters = [QuotaTelemetry.SourceName, ServiceBusTelemetry.MeterName];

    public static TracerProviderBuilder AddOrbitSources(this TracerProviderBuilder tracing) =>
        tracing.AddSource([.. ActivitySources]).AddHttpClientInstrumentation();

    public static MeterProviderBuilder AddOrbitMeters(this MeterProviderBuilder metrics) =>
        metrics.AddMeter([.. Meters]).AddHttpClientInstrumentation();
}
