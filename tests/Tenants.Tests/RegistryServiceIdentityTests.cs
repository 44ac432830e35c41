using Microsoft.Extensions.Configuration;

namespace Orbit.Tenants.Tests;

public sealed class RegistryServiceIdentityTests
{
    [Fact]
    public void With_a_service_password_the_registry_client_signs_in_as_the_service()
    {
        var settings = Settings(new() { ["RegistryAuth:ServicePassword"] = "secret" });

        Assert.Equal("orbit-service", settings["Registry:Username"]);
        Assert.Equal("secret", settings["Registry:Password"]);
    }

    [Fact]
    public void A_configured_service_username_is_used()
    {
        var settings = Settings(new() { ["RegistryAuth:ServicePassword"] = "secret", ["RegistryAuth:ServiceUsername"] = "svc" });

        Assert.Equal("svc", settings["Registry:Username"]);
    }

    [Fact]
    public void Explicit_registry_credentials_win()
    {
        Assert.Empty(Settings(new() { ["RegistryAuth:ServicePassword"] = "secret", ["Registry:Username"] = "someone" }));
    }

    [Fact]
    public void Without_a_service_password_nothing_changes()
    {
        Assert.Empty(Settings(new() { ["RegistryAuth:ServiceUsername"] = "svc" }));
    }

    private static Dictionary<string, string?> Settings(Dictionary<string, string?> values) =>
        RegistryServiceIdentity.RegistryClientSettings(new ConfigurationBuilder().AddInMemoryCollection(values).Build())
            .ToDictionary(pair => pair.Key, pair => pair.Value);
}
