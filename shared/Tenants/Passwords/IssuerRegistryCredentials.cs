using Orbit.Tenants.Layout;
using Orbit.Tenants.Registration;

namespace Orbit.Tenants.Passwords;

/// <summary>Credentials for a registry that trusts our token issuer: the tenant id and a <see cref="RegistryPasswords"/> password.</summary>
public sealed class IssuerRegistryCredentials(RegistryPasswords passwords, TenantImageLayout layout) : ITenantRegistryCredentials
{
    public async Task<TenantRegistryCredential> IssueAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        var password = await passwords.IssueAsync(tenant, cancellationToken);
        return new TenantRegistryCredential(layout.RegistryHost, tenant.Id.Value, password.Password, tenant.Repository.Value, layout.Tag.Value, password.ExpiresAt);
    }

    /// <summary>
    /// Nothing is kept to withdraw: the token endpoint checks the tenant's state on every password, so the deletion
    /// mark has already ended them, and registry tokens issued before it last only their few minutes.
    /// </summary>
    public Task RevokeAsync(TenantId tenant, CancellationToken cancellationToken) => Task.CompletedTask;
}
