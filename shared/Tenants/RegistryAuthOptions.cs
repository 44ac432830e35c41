namespace Orbit.Tenants;

/// <summary>The token issuer the registry trusts (<c>RegistryAuth:*</c>, env <c>RegistryAuth__*</c>).</summary>
public sealed record RegistryAuthOptions
{
    public const string SectionName = "RegistryAuth";

    /// <summary>The JWT <c>iss</c>; must equal the registry's <c>auth.token.issuer</c>.</summary>
    public string Issuer { get; init; } = "orbit";

    /// <summary>The JWT <c>aud</c>; must equal the registry's <c>auth.token.service</c>.</summary>
    public string Service { get; init; } = "orbit-registry";

    /// <summary>How long a registry token is good for.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a password from <c>POST /api/tenants/{id}/registry-token</c> is good for.</summary>
    public TimeSpan PasswordLifetime { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The service's own identity at the issuer (for its HEAD, DELETE and tag listing).</summary>
    public string ServiceUsername { get; init; } = "orbit-service";

    /// <summary>The service identity's password; unset, nobody can sign in as the service.</summary>
    public string? ServicePassword { get; init; }

    /// <summary>Repositories the service may pull, push and delete, as exact names or <c>prefix/*</c>; <c>*</c> is every
    /// repository. Default: the tenant repositories, <c>&lt;Tenants:RepositoryPrefix&gt;/*</c>.</summary>
    public IReadOnlyList<string> ServiceRepositories { get; init; } = [];

    /// <summary>The blob container holding the signing key and certificate.</summary>
    public string KeyContainer { get; init; } = "orbit-keys";

    public string KeyBlob { get; init; } = "registry-token-issuer.pem";
}
