using Orbit.Tenants.Registration;

namespace Orbit.Tenants.Passwords;

/// <summary>Hands a tenant a short-lived credential for its own repository, whichever registry holds it.</summary>
public interface ITenantRegistryCredentials
{
    Task<TenantRegistryCredential> IssueAsync(Tenant tenant, CancellationToken cancellationToken);

    /// <summary>Ends every credential issued to a deleted tenant that the registry itself would still accept. Safe to repeat.</summary>
    Task RevokeAsync(TenantId tenant, CancellationToken cancellationToken);
}
