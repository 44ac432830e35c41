using Orbit.Quota.Tests.Builds;
using Orbit.Testing;

namespace Orbit.Quota.Tests.Telemetry;

/// <summary>
/// The builds app as a process with its telemetry on: OTLP over HTTP to an <see cref="OtlpReceiver"/> in this process.
/// </summary>
public sealed class TelemetryAppFixture : BuildsAppFixture, IAsyncLifetime
{
    private OtlpReceiver? receiver;

    public OtlpReceiver Receiver => receiver ?? throw new InvalidOperationException("Not started.");

    protected override IReadOnlyDictionary<string, string?> ExtraSettings =>
        base.ExtraSettings.Concat(Receiver.Settings).ToDictionary(setting => setting.Key, setting => setting.Value);

    async Task IAsyncLifetime.InitializeAsync()
    {
        receiver = new OtlpReceiver();
        await InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        receiver?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class TelemetryAppCollection : ICollectionFixture<TelemetryAppFixture>
{
    public const string Name = "TelemetryApp";
}
