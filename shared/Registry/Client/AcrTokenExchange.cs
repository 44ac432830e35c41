using System.Net;
using System.Text.Json;
using Azure.Core;

namespace Orbit.Registry.Client;

/// <summary>
/// Azure Container Registry's sign-in with Entra ID: an Azure.Identity token is exchanged at
/// <c>/oauth2/exchange</c> for an ACR refresh token, which the challenge's realm (<c>/oauth2/token</c>)
/// turns into an access token for the challenged scope.
/// </summary>
internal sealed class AcrTokenExchange(TokenCredential credential, TimeProvider time)
{
    public const string ContainerRegistryScope = "https://containerregistry.azure.net/.default";

    // ACR does not say how long its access tokens live (about 75 minutes today); renewing sooner is cheap.
    private static readonly TimeSpan AssumedLifetime = TimeSpan.FromMinutes(5);

    public async Task<RegistryTokenCache.CachedToken> FetchAsync(
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send,
        AuthenticationChallenge challenge,
        string? tenantId,
        CancellationToken cancellationToken)
    {
        if (challenge.Realm is null || !Uri.TryCreate(challenge.Realm, UriKind.Absolute, out var realm) || challenge.Service is null)
        {
            throw new RegistryException(HttpStatusCode.Unauthorized, $"The registry's challenge names no token realm and service ('{challenge.Realm}', '{challenge.Service}'); is this an Azure Container Registry?");
        }

        var entra = await credential.GetTokenAsync(new TokenRequestContext([ContainerRegistryScope], tenantId: tenantId), cancellationToken);
        var exchange = new Dictionary<string, string> { ["grant_type"] = "access_token", ["service"] = challenge.Service, ["access_token"] = entra.Token };
        if (tenantId is not null)
        {
            exchange["tenant"] = tenantId;
        }

        var issuedAt = time.GetUtcNow();
        var refreshToken = await PostFormAsync(send, new Uri(realm, "/oauth2/exchange"), exchange, "refresh_token", cancellationToken);
        var accessToken = await PostFormAsync(send, realm, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["service"] = challenge.Service,
            ["scope"] = challenge.Scope ?? string.Empty,
            ["refresh_token"] = refreshToken,
        }, "access_token", cancellationToken);
        return new RegistryTokenCache.CachedToken(accessToken, issuedAt + AssumedLifetime);
    }

    private static async Task<string> PostFormAsync(
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, Uri uri, Dictionary<string, string> form, string field, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new FormUrlEncodedContent(form) };
        using var response = await send(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // The answer is not echoed: it may describe the identity.
            throw new RegistryException(response.StatusCode, $"Azure Container Registry refused the sign-in at {uri.AbsolutePath} ({(int)response.StatusCode}); check that the identity has a role such as AcrPull/AcrPush/AcrDelete on the registry.");
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return document.RootElement.TryGetProperty(field, out var value) && value.GetString() is { Length: > 0 } token
            ? token
            : throw new RegistryException(response.StatusCode, $"Azure Container Registry's answer at {uri.AbsolutePath} has no '{field}'.");
    }
}
