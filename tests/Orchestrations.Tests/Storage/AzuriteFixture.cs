using Azure.Data.Tables;
using Orbit.Testing;

namespace Orbit.Orchestrations.Tests.Storage;

/// <summary>One real Azurite for the storage tests; each test uses its own task hub.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? azurite;

    public AzuriteServer Azurite => azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public TableServiceClient Tables => new(Azurite.ConnectionString);

    public async Task InitializeAsync() => azurite = await AzuriteServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }

    public static TaskHubNames NewHub() => new($"hub{Guid.NewGuid():N}"[..16]);
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
