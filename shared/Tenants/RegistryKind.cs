namespace Orbit.Tenants;

/// <summary>Which kind of registry the tenants push to, and so who hands out their credentials (<c>Tenants:RegistryKind</c>).</summary>
public enum RegistryKind
{
    /// <summary>A CNCF Distribution registry that trusts this service's token issuer: passwords from <c>RegistryPasswords</c>.</summary>
    Distribution,

    /// <summary>Azure Container Registry, which trusts only its own tokens: a scope-map token per tenant over ARM.</summary>
    Acr,
}
