using Azure.Core;
using Azure.Identity;

namespace Orbit.Storage;

/// <summary>
/// The credential of an identity-based connection, with the Functions host's switches (<c>&lt;connection&gt;__credential</c>,
/// <c>__clientId</c>): <c>credential=managedidentity</c> takes the managed identity only, user-assigned by its client id or
/// else system-assigned; without it, the default chain, told which managed identity to use when a client id is given.
/// </summary>
public static class IdentityConnectionCredential
{
    public static TokenCredential Create(bool managedIdentity, string? clientId) => managedIdentity
        ? new ManagedIdentityCredential(clientId is { Length: > 0 } ? ManagedIdentityId.FromUserAssignedClientId(clientId) : ManagedIdentityId.SystemAssigned)
        : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
}
