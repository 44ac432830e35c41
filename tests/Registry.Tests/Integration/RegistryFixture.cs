using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orbit.Registry.Client;
using Orbit.Testing;

namespace Orbit.Registry.Tests.Integration;

/// <summary>One real CNCF registry (deletes enabled) for the registry client's tests; each test uses its own repositories.</summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    private RegistryServer? registry;

    public RegistryServer Registry => registry ?? throw new InvalidOperationException("The registry has not started.");

    public async Task InitializeAsync() => registry = await RegistryServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (registry is not null)
        {
            await registry.DisposeAsync();
        }
    }

    public RegistryImagePusher Pusher() => new(Registry.Url);

    /// <summary>The client as the app wires it; <paramref name="innermost"/> goes between the resilience pipeline and the registry.</summary>
    public ServiceProvider Services(Func<DelegatingHandler>? innermost = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Registry:Url"] = Registry.Url.ToString(),
        }).Build();
        var services = new ServiceCollection();
        var client = services.AddRegistryClient(configuration);
        if (innermost is not null)
        {
            client.AddHttpMessageHandler(innermost);
        }

        return services.BuildServiceProvider();
    }

    public static string Repository(string purpose) => $"{purpose}/{Guid.NewGuid():N}"[..Math.Min(purpose.Length + 13, 60)];
}

[CollectionDefinition(Name)]
public sealed class RegistryCollection : ICollectionFixture<RegistryFixture>
{
    public const string Name = "Registry";
}
