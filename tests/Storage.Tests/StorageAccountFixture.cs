using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orbit.Testing;

namespace Orbit.Storage.Tests;

/// <summary>A real Azurite, and the app's storage clients on it as the app wires them (<c>AddStorageAccount</c>).</summary>
public sealed class StorageAccountFixture : IAsyncLifetime
{
    private AzuriteServer? azurite;
    private ServiceProvider? services;

    public AzuriteServer Azurite => azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public IServiceProvider Services => services ?? throw new InvalidOperationException("Azurite has not started.");

    public async Task InitializeAsync()
    {
        azurite = await AzuriteServer.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [StorageAccount.SettingName] = azurite.ConnectionString }).Build();
        services = new ServiceCollection().AddStorageAccount(configuration).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }
}
