using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Orbit.Registry.Client;

/// <summary>
/// Answers a registry's 401 challenge: Basic with the configured credentials, or the Docker token flow
/// (ask the challenge's realm for a token for its service and scope, with Basic credentials when
/// configured). Tokens are cached per scope until shortly before they expire, and the scope each kind
/// of request needs is remembered, so that only the first request of a kind pays the extra round trip.
/// </summary>
internal sealed class RegistryAuthenticationHandler(IOptions<RegistryOptions> options, RegistryTokenCache cache, Lazy<AcrTokenExchange> acr, TimeProvider time) : DelegatingHandler
{
    private static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromSeconds(60);
    private readonly ConcurrentDictionary<string, AuthenticationChallenge> challengeByRequestKind = cache.ChallengeByRequestKind;
    private readonly ConcurrentDictionary<string, RegistryTokenCache.CachedToken> tokenByScope = cache.TokenByScope;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var kind = RequestKind(request);
        if (challengeByRequestKind.TryGetValue(kind, out var known))
        {
            request.Headers.Authorization = await AuthorizationForAsync(known, cancellationToken);
        }

        var sentCredentials = request.Headers.Authorization is not null;
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || AuthenticationChallenge.From(response) is not { } challenge)
        {
            return response;
        }

        challengeByRequestKind[kind] = challenge;
        if (sentCredentials && challenge.IsBearer)
        {
            // The cached token was refused (revoked, expired early, or too narrow): fetch a fresh one, once.
            tokenByScope.TryRemove(challenge.Scope ?? string.Empty, out _);
        }
        else if (sentCredentials)
        {
            return response;
        }

        var authorization = await AuthorizationForAsync(challenge, cancellationToken);
        if (authorization is null)
        {
            return response;
        }

        response.Dispose();
        using var retry = await CloneAsync(request, cancellationToken);
        retry.Headers.Authorization = authorization;
        return await base.SendAsync(retry, cancellationToken);
    }

    private static string RequestKind(HttpRequestMessage request)
    {
        // "GET /v2/team/api/manifests": same repository and endpoint, same scope.
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        var cut = path.LastIndexOf('/');
        return $"{request.Method} {(cut > 0 ? path[..cut] : path)}";
    }

    private async Task<AuthenticationHeaderValue?> AuthorizationForAsync(AuthenticationChallenge challenge, CancellationToken cancellationToken)
    {
        if (challenge.IsBasic)
        {
            return BasicCredentials();
        }

        var scope = challenge.Scope ?? string.Empty;
        if (tokenByScope.TryGetValue(scope, out var cached) && cached.ValidUntil > time.GetUtcNow())
        {
            return new AuthenticationHeaderValue("Bearer", cached.Token);
        }

        var token = options.Value.UseAzureIdentity
            ? await acr.Value.FetchAsync(base.SendAsync, challenge, options.Value.TenantId, cancellationToken)
            : await FetchTokenAsync(challenge, cancellationToken);
        tokenByScope[scope] = token;
        return new AuthenticationHeaderValue("Bearer", token.Token);
    }

    private async Task<RegistryTokenCache.CachedToken> FetchTokenAsync(AuthenticationChallenge challenge, CancellationToken cancellationToken)
    {
        if (challenge.Realm is null || !Uri.TryCreate(challenge.Realm, UriKind.Absolute, out var realm))
        {
            throw new RegistryException(HttpStatusCode.Unauthorized, $"The registry asked for a Bearer token but named no usable token realm ('{challenge.Realm}').");
        }

        var query = new List<string>();
        if (challenge.Service is not null)
        {
            query.Add($"service={Uri.EscapeDataString(challenge.Service)}");
        }

        if (challenge.Scope is not null)
        {
            query.AddRange(challenge.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(scope => $"scope={Uri.EscapeDataString(scope)}"));
        }

        var builder = new UriBuilder(realm) { Query = string.Join('&', query) };
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, builder.Uri);
        tokenRequest.Headers.Authorization = BasicCredentials();
        var issuedAt = time.GetUtcNow();
        using var response = await base.SendAsync(tokenRequest, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // The token service's answer is not echoed: it may describe the credentials.
            throw new RegistryException(response.StatusCode, $"The token service at {realm.GetLeftPart(UriPartial.Path)} refused a token for scope '{challenge.Scope}' ({(int)response.StatusCode}); check Registry:Username and Registry:Password.");
        }

        var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
            ?? throw new RegistryException(response.StatusCode, "The token service answered with an empty body.");
        var token = body.Token ?? body.AccessToken
            ?? throw new RegistryException(response.StatusCode, "The token service's answer has neither 'token' nor 'access_token'.");
        var lifetime = body.ExpiresIn is > 0 ? TimeSpan.FromSeconds(body.ExpiresIn.Value) : DefaultTokenLifetime;
        return new RegistryTokenCache.CachedToken(token, issuedAt + (lifetime * 0.9));
    }

    private AuthenticationHeaderValue? BasicCredentials()
    {
        var registry = options.Value;
        return registry.Username is { Length: > 0 } username
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{registry.Password}")))
            : null;
    }

    private static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var clone = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var header in request.Headers.Where(header => header.Key != "Authorization"))
        {
            clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (request.Content is not null)
        {
            clone.Content = new ByteArrayContent(await request.Content.ReadAsByteArrayAsync(cancellationToken));
            foreach (var header in request.Content.Headers)
            {
                clone.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return clone;
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("token")] string? Token,
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int? ExpiresIn);
}
