namespace Orbit.Registry.Client;

/// <summary>The managed registry: <c>Registry:Url</c>, <c>Registry:Username</c>, <c>Registry:Password</c>
/// (env <c>Registry__Url</c> …). Without a username the client sends no credentials of its own.</summary>
public sealed record RegistryOptions
{
    public const string SectionName = "Registry";

    public Uri? Url { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }
}
