using Azure.Data.Tables;
using Orbit.Testing;

namespace Orbit.ServiceBus.Tests.Integration;

/// <summary>
/// A real RabbitMQ (AMQP 1.0) and Azurite, and one run of the test app through the local host whose worker listens on one
/// queue of that broker with its Service Bus trigger (at most 4 attempts, retried after 0.1 s). The tests share it and
/// run one after another, each with messages and event ids of its own; one of them restarts the broker.
/// </summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    public const int MaxDeliveryCount = 4;

    private AzuriteServer? azurite;
    private RabbitMqServer? broker;
    private TestAppHost? app;

    public AzuriteServer Azurite => azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public RabbitMqServer Broker => broker ?? throw new InvalidOperationException("RabbitMQ has not started.");

    public TestAppHost App => app ?? throw new InvalidOperationException("The app has not started.");

    public string Queue { get; } = TestNames.Queue("bus");

    public string AttemptsTable { get; } = TestNames.Table("busattempts");

    public TableClient Attempts => new(Azurite.ConnectionString, AttemptsTable);

    public async Task InitializeAsync()
    {
        var starting = AzuriteServer.StartAsync();
        broker = await RabbitMqServer.StartAsync();
        azurite = await starting;
        await Broker.DeclareQueueAsync(Queue);
        app = await StartAppAsync("bus-host", new Dictionary<string, string?>
        {
            ["ServiceBus__Connection"] = Broker.ConnectionString,
            ["ServiceBus__Entity"] = Queue,
            ["ServiceBus__AttemptsTable"] = AttemptsTable,
            ["ServiceBus__MaxDeliveryCount"] = MaxDeliveryCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ServiceBus__MaxConcurrentCalls"] = "8",
            ["ServiceBus__RetryDelay"] = "00:00:00.1",
            ["ServiceBus__ReconnectMinDelay"] = "00:00:00.5",
            ["ServiceBus__ReconnectMaxDelay"] = "00:00:03",
        });
    }

    public Task<TestAppHost> StartAppAsync(string instance, IReadOnlyDictionary<string, string?> settings) => TestAppHost.StartAsync(Azurite, instance, settings);

    public async Task DisposeAsync()
    {
        foreach (var component in new IAsyncDisposable?[] { app, broker, azurite })
        {
            if (component is not null)
            {
                await component.DisposeAsync();
            }
        }
    }

    /// <summary>The dead-letter reasons the trigger recorded (RabbitMQ cannot carry them with the message), by message id.</summary>
    public async Task<Dictionary<string, TableEntity>> DeadLetterReasonsAsync()
    {
        var reasons = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var row in Attempts.QueryAsync<TableEntity>())
        {
            if (row.ContainsKey("DeadLetterReason"))
            {
                reasons[row.GetString("MessageId")] = row;
            }
        }

        return reasons;
    }
}

[CollectionDefinition(Name)]
public sealed class BrokerCollection : ICollectionFixture<BrokerFixture>
{
    public const string Name = "RabbitMQ, Azurite and the test app";
}
