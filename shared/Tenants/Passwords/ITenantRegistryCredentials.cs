using Orbit.Tenants.Registration;

namespace Orbit.Tenants.Passwords;

/// <summary>Hands a tenant a short-lived credential for its own repository, whichever registry holds it.</summary>
public interface ITenantRegistryCredentials
{
    Task<TenantRegistryCredential> IssueAsync(Tenant tenant, CancellationToken cancellationToken);
}
