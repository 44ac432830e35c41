namespace Orbit.Tenants;

/// <summary>Tenant settings (<c>Tenants:*</c>, env <c>Tenants__*</c>).</summary>
public sealed record TenantsOptions
{
    public const string SectionName = "Tenants";

    /// <summary>The Azure Table holding the tenants.</summary>
    public string Table { get; init; } = "tenants";

    /// <summary>Every tenant's repository is <c>&lt;prefix&gt;/tenant-&lt;id&gt;</c>.</summary>
    public string RepositoryPrefix { get; init; } = "tenants";

    /// <summary>The one deployable tag of each tenant's repository.</summary>
    public string Tag { get; init; } = "latest";

    /// <summary>The registry's host (and port) as tenants reach it, in image references and the <c>registry</c>
    /// the credentials are for; default the host and port of <c>Registry:Url</c>.</summary>
    public string? RegistryHost { get; init; }

    /// <summary>Who hands out tenant registry credentials: our issuer (<see cref="RegistryKind.Distribution"/>) or ACR (<c>Tenants:Acr:*</c>).</summary>
    public RegistryKind RegistryKind { get; init; } = RegistryKind.Distribution;
}
