using Orbit.Tenants.Storage;

namespace Orbit.Tenants.Registration;

/// <summary>Proves a caller is a tenant: the tenant exists, is active, and the key matches its stored hash.</summary>
public sealed class TenantAuthentication(TenantStore store)
{
    /// <summary>The tenant, or null for an unknown or deleted tenant or a wrong key, without saying which: the caller learns nothing.</summary>
    public async Task<Tenant?> AuthenticateAsync(TenantId id, string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        var stored = await store.GetAsync(id, cancellationToken);
        return stored is { Tenant.IsActive: true } && stored.Tenant.KeyHash.Matches(key) ? stored.Tenant : null;
    }
}
