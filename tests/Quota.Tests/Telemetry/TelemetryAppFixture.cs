using Orbit.Quota.Tests.Builds;

namespace Orbit.Quota.Tests.Telemetry;

/// <summary>
/// The builds app as a process with its telemetry on: OTLP over HTTP to an <see cref="OtlpReceiver"/> in this process,
/// exported every fraction of a second so a test does not wait for the default intervals.
/// </summary>
public sealed class TelemetryAppFixture : BuildsAppFixture, IAsyncLifetime
{
    private OtlpReceiver? receiver;

    public OtlpReceiver Receiver => receiver ?? throw new InvalidOperationException("Not started.");

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>(base.ExtraSettings)
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Receiver.Endpoint.ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
    };

    async Task IAsyncLifetime.InitializeAsync()
    {
        receiver = await OtlpReceiver.StartAsync();
        await InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (receiver is not null)
        {
            await receiver.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class TelemetryAppCollection : ICollectionFixture<TelemetryAppFixture>
{
    public const string Name = "TelemetryApp";
}
