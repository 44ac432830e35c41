using Microsoft.Net.Http.Headers;
using Orbit.Tenants.Registration;
using Orbit.Tenants.Tokens;

namespace Orbit.Functions.Tenants;

/// <summary>
/// How a tenant proves who it is on the tenant endpoints: its key in <c>X-Tenant-Key</c>, or Basic credentials
/// whose username is the tenant id in the path and whose password is the key. Anything else is no key at all.
/// </summary>
internal static class TenantCaller
{
    public const string KeyHeader = "X-Tenant-Key";

    public const string HowToAuthenticate = $"Send the tenant's key in the {KeyHeader} header, or as Basic credentials with the tenant id as username. Unknown tenants, deleted tenants and wrong keys are all refused alike.";

    public static async Task<Tenant> AuthenticateAsync(HttpRequest request, TenantId id, TenantAuthentication authentication, CancellationToken cancellationToken)
    {
        var key = request.Headers[KeyHeader].ToString();
        if (key.Length == 0 && BasicCredentials.TryParse(request.Headers[HeaderNames.Authorization].ToString(), out var basic) && basic.Username == id.Value)
        {
            key = basic.Password;
        }

        return await authentication.AuthenticateAsync(id, key, cancellationToken)
            ?? throw TenantProblems.Unauthorized(request, HowToAuthenticate);
    }
}
