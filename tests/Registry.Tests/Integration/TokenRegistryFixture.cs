using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orbit.Registry.Client;
using Orbit.Testing;

namespace Orbit.Registry.Tests.Integration;

/// <summary>A real registry with Docker token authentication, trusting a test token service.</summary>
public sealed class TokenRegistryFixture : IAsyncLifetime
{
    public const string User = "orbit";
    public const string Password = "s3cret-for-tests";

    private readonly string certificates = ScratchDirectory.Create("orbit-token-");
    private RegistryTokenServer? tokens;
    private RegistryServer? registry;

    public RegistryTokenServer Tokens => tokens ?? throw new InvalidOperationException("Not started.");

    public RegistryServer Registry => registry ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        tokens = new RegistryTokenServer(new Dictionary<string, (string, string[])>
        {
            [User] = (Password, ["*"]),
            ["reader"] = ("reader-password", ["pull"]),
        }, certificates);
        registry = await RegistryServer.StartAsync(auth: tokens.RegistryAuthYaml);
    }

    public async Task DisposeAsync()
    {
        if (registry is not null)
        {
            await registry.DisposeAsync();
        }

        tokens?.Dispose();
        ScratchDirectory.TryDelete(certificates);
    }

    public RegistryImagePusher Pusher() => new(Registry.Url, repository => Tokens.Issue(User, $"repository:{repository}:pull,push"));

    public ServiceProvider Services(string? user, string? password)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Registry:Url"] = Registry.Url.ToString(),
            ["Registry:Username"] = user,
            ["Registry:Password"] = password,
        }).Build();
        var services = new ServiceCollection();
        services.AddRegistryClient(configuration);
        return services.BuildServiceProvider();
    }
}

[CollectionDefinition(Name)]
public sealed class TokenRegistryCollection : ICollectionFixture<TokenRegistryFixture>
{
    public const string Name = "TokenRegistry";
}
