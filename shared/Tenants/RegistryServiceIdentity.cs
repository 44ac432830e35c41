using Microsoft.Extensions.Configuration;

namespace Orbit.Tenants;

/// <summary>
/// When the service is the registry's token issuer, its own registry calls sign in as
/// <c>RegistryAuth:ServiceUsername</c>/<c>ServicePassword</c>: these are the registry client's
/// <c>Registry:Username</c>/<c>Password</c> unless those are set explicitly.
/// </summary>
public static class RegistryServiceIdentity
{
    public static IEnumerable<KeyValuePair<string, string?>> RegistryClientSettings(IConfiguration configuration)
    {
        var password = configuration[$"{RegistryAuthOptions.SectionName}:{nameof(RegistryAuthOptions.ServicePassword)}"];
        if (string.IsNullOrEmpty(password) || !string.IsNullOrEmpty(configuration["Registry:Username"]))
        {
            yield break;
        }

        yield return new("Registry:Username", configuration[$"{RegistryAuthOptions.SectionName}:{nameof(RegistryAuthOptions.ServiceUsername)}"] is { Length: > 0 } username ? username : new RegistryAuthOptions().ServiceUsername);
        yield return new("Registry:Password", password);
    }
}
