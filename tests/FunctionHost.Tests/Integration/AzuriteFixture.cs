using Azure.Data.Tables;
using Azure.Storage.Queues;
using Orbit.Testing;

namespace Orbit.FunctionHost.Tests.Integration;

/// <summary>One real Azurite for every integration test in this assembly; each test uses its own queue and table names.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? azurite;

    public AzuriteServer Azurite => azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public async Task InitializeAsync() => azurite = await AzuriteServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }

    /// <summary>A queue client as the host reads it (base64 message encoding, the host.json default).</summary>
    public QueueClient Queue(string name) =>
        new(Azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public async Task<TableClient> CreateTableAsync(string name)
    {
        var table = new TableClient(Azurite.ConnectionString, name);
        await table.CreateIfNotExistsAsync();
        return table;
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
