using Orbit.Testing;

namespace Orbit.Tenants.Tests.Integration;

/// <summary>
/// A RabbitMQ broker (AMQP 1.0) with the tenant-events queue and its dead-letter queue, and a
/// <see cref="TenantDeletionFixture"/> whose app takes its tenant events from that queue. The broker starts first,
/// because the app's settings name it. The app exports its telemetry to <see cref="Telemetry"/> (OTLP).
/// </summary>
public sealed class TenantEventsFixture : IAsyncLifetime
{
    private RabbitMqServer? broker;
    private TenantDeletionFixture? deletion;

    public string EventsQueue { get; } = $"tenant-events-{Guid.NewGuid():N}"[..24];

    public OtlpReceiver Telemetry { get; } = new();

    public RabbitMqServer Broker => broker ?? throw new InvalidOperationException("Not started.");

    public TenantDeletionFixture Deletion => deletion ?? throw new InvalidOperationException("Not started.");

    public TenantRegistryFixture Tenants => Deletion.Tenants;

    public async Task InitializeAsync()
    {
        broker = await RabbitMqServer.StartAsync();
        await broker.DeclareQueueAsync(EventsQueue);
        var settings = new Dictionary<string, string?>(Telemetry.Settings)
        {
            ["ServiceBus__Connection"] = broker.ConnectionString,
            ["ServiceBus__Entity"] = EventsQueue,
            ["ServiceBus__AttemptsTable"] = TestNames.Table("busattempts"),
            ["ServiceBus__RetryDelay"] = "00:00:00.2",
            ["ServiceBus__ReconnectMinDelay"] = "00:00:00.5",
            ["ServiceBus__ReconnectMaxDelay"] = "00:00:02",
        };
        deletion = new TenantDeletionFixture(settings);
        await deletion.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (deletion is not null)
        {
            await deletion.DisposeAsync();
        }

        if (broker is not null)
        {
            await broker.DisposeAsync();
        }

        Telemetry.Dispose();
    }
}
