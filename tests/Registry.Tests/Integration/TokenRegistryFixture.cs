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

    private TokenAuthRegistry? started;

    public RegistryTokenServer Tokens => Started.Tokens;

    public RegistryServer Registry => Started.Registry;

    private TokenAuthRegistry Started => started ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() =>
        started = await TokenAuthRegistry.StartAsync(new Dictionary<string, (string, string[])>
        {
            [User] = (Password, ["*"]),
            ["reader"] = ("reader-password", ["pull"]),
        });

    public async Task DisposeAsync()
    {
        if (started is not null)
        {
            await started.DisposeAsync();
        }
    }

    public RegistryImagePusher Pusher() => Started.Pusher(User);

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
