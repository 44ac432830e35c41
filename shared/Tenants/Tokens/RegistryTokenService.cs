using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orbit.Tenants.Layout;
using Orbit.Tenants.Passwords;
using Orbit.Tenants.Registration;
using Orbit.Tenants.Scopes;
using Orbit.Tenants.Storage;

namespace Orbit.Tenants.Tokens;

/// <summary>
/// The token endpoint of the Docker token authentication spec. Two kinds of callers: a tenant (username =
/// tenant id, password = its key or a short-lived registry password), who may pull and push its own
/// repository only; and the service itself (<c>RegistryAuth:ServiceUsername</c>/<c>ServicePassword</c>),
/// who may pull, push and delete the tenant repositories and list the catalog.
/// </summary>
public sealed class RegistryTokenService(
    TenantStore tenants,
    RegistryPasswords passwords,
    RegistryTokenIssuer issuer,
    TenantImageLayout layout,
    IOptions<RegistryAuthOptions> options,
    ILogger<RegistryTokenService> logger)
{
    public async Task<IssuedRegistryToken> IssueAsync(BasicCredentials? credentials, string? service, IReadOnlyList<string?> scopeValues, CancellationToken cancellationToken)
    {
        // Authentication first, so an anonymous caller learns nothing, not even whether its request was well-formed.
        var principal = await AuthenticateAsync(credentials, cancellationToken) ?? throw new RegistryCredentialsRejectedException();
        var settings = options.Value;
        if (service is not null && service != settings.Service)
        {
            throw new InvalidTokenRequestException($"This issuer signs tokens for service '{settings.Service}' only, not '{service}'; check the registry's auth.token.service and RegistryAuth:Service.");
        }

        if (!RegistryScope.TryParseAll(scopeValues, out var requested, out var invalid))
        {
            throw new InvalidTokenRequestException($"'{invalid}' is not a scope: write type:name:actions, e.g. repository:{layout.Prefix}/tenant-<id>:pull,push.");
        }

        var granted = RegistryAccess.Grant(principal, requested);
        logger.LogDebug("Registry token for {Subject}: {Granted}", principal.Subject, string.Join(' ', granted));
        return await issuer.IssueAsync(principal.Subject, granted, cancellationToken);
    }

    private async Task<RegistryPrincipal?> AuthenticateAsync(BasicCredentials? credentials, CancellationToken cancellationToken)
    {
        if (credentials is null || credentials.Password.Length == 0)
        {
            return null;
        }

        var settings = options.Value;
        if (credentials.Username == settings.ServiceUsername)
        {
            return IsServicePassword(credentials.Password, settings.ServicePassword) ? ServicePrincipal(settings) : null;
        }

        if (!TenantId.TryParse(credentials.Username, out var id) || await tenants.GetAsync(id, cancellationToken) is not { Tenant.IsActive: true } stored)
        {
            return null;
        }

        var tenant = stored.Tenant;
        var proven = tenant.KeyHash.Matches(credentials.Password) || await passwords.IsValidAsync(tenant, credentials.Password, cancellationToken);
        return proven
            ? new RegistryPrincipal(tenant.Id.Value, [new RepositoryPermission(tenant.Repository.Value, RegistryPrincipal.PullPush)], MayListCatalog: false)
            : null;
    }

    private RegistryPrincipal ServicePrincipal(RegistryAuthOptions settings)
    {
        var patterns = settings.ServiceRepositories.Count > 0 ? settings.ServiceRepositories : [$"{layout.Prefix}/*"];
        return new RegistryPrincipal(settings.ServiceUsername, patterns.Select(pattern => new RepositoryPermission(pattern, RegistryPrincipal.PullPushDelete)).ToList(), MayListCatalog: true);
    }

    // Unset means no service identity at all: authorization fails closed. Hashes first, so lengths do not leak.
    private static bool IsServicePassword(string presented, string? configured) =>
        !string.IsNullOrEmpty(configured)
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(configured)));
}
