using Azure.Data.Tables;
using Orbit.FunctionHost.Tests.Integration;
using Orbit.Testing;

namespace Orbit.FunctionHost.Tests.ServiceBus;

/// <summary>One RabbitMQ and one Azurite for the Service Bus tests, which run one after another because one of them restarts the broker.</summary>
public sealed class RabbitMqFixture : IAsyncLifetime
{
    private readonly AzuriteFixture storage = new();
    private RabbitMqServer? broker;

    public RabbitMqServer Broker => broker ?? throw new InvalidOperationException("RabbitMQ has not started.");

    public AzuriteFixture Storage => storage;

    public async Task InitializeAsync()
    {
        var azurite = storage.InitializeAsync();
        broker = await RabbitMqServer.StartAsync();
        await azurite;
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (broker is not null)
            {
                await broker.DisposeAsync();
            }
        }
        finally
        {
            await storage.DisposeAsync();
        }
    }

    public Task<TableClient> CreateTableAsync(string name) => storage.CreateTableAsync(name);
}

[CollectionDefinition(Name)]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqFixture>
{
    public const string Name = "RabbitMQ";
}
