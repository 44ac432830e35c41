using Azure.Core;

namespace Orbit.Tenants.Tests.Acr;

/// <summary>Stands in for Entra ID, which is outside this machine: one fixed token, and the scopes it was asked for.</summary>
internal sealed class FixedTokenCredential(string token) : TokenCredential
{
    private readonly List<string> scopes = [];

    public IReadOnlyList<string> RequestedScopes
    {
        get
        {
            lock (scopes)
            {
                return [.. scopes];
            }
        }
    }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (scopes)
        {
            scopes.AddRange(requestContext.Scopes);
        }

        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
