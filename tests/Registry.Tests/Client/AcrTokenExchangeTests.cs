using System.Net;
using System.Net.Http.Headers;
using Azure.Core;
using Microsoft.Extensions.Options;
using Orbit.Registry.Client;
using Orbit.Registry.References;

namespace Orbit.Registry.Tests.Client;

/// <summary>
/// Azure Container Registry cannot run here, so the Entra ID sign-in is tested against a recorded ACR
/// exchange: the challenge, <c>/oauth2/exchange</c> and <c>/oauth2/token</c> answers as ACR gives them.
/// </summary>
public sealed class AcrTokenExchangeTests
{
    private const string Registry = "orbitacr.azurecr.io";
    private const string Digest = "sha256:2f0e7c1b3f4ad0c2b4e3c9f5bb70a5d8a9e8f6c2d1e0b9a8c7d6e5f4a3b2c1d0";

    [Fact]
    public async Task An_entra_token_is_exchanged_for_a_refresh_token_and_then_an_access_token_for_the_challenged_scope()
    {
        var acr = new RecordedAcr();
        var credential = new FixedEntraToken("entra-token-value");
        using var client = Client(acr, credential);

        var head = await client.HeadManifestAsync(RepositoryName.Parse("ws-1/api"), Tag.Parse("v1"), CancellationToken.None);
        await client.HeadManifestAsync(RepositoryName.Parse("ws-1/api"), Tag.Parse("v1"), CancellationToken.None);

        Assert.Equal(Digest, head?.Digest.Value);
        Assert.Equal([AcrTokenExchange.ContainerRegistryScope], credential.RequestedScopes.Distinct());
        Assert.Equal(
            [
                "HEAD /v2/ws-1/api/manifests/v1 (none)",
                "POST /oauth2/exchange grant_type=access_token&service=orbitacr.azurecr.io&access_token=entra-token-value",
                "POST /oauth2/token grant_type=refresh_token&service=orbitacr.azurecr.io&scope=repository%3Aws-1%2Fapi%3Apull&refresh_token=acr-refresh-token",
                "HEAD /v2/ws-1/api/manifests/v1 (Bearer acr-access-token)",
                "HEAD /v2/ws-1/api/manifests/v1 (Bearer acr-access-token)",
            ],
            acr.Requests);
    }

    [Fact]
    public async Task A_refused_exchange_names_the_roles_to_check_and_not_the_token()
    {
        var acr = new RecordedAcr { RefuseExchange = true };
        using var client = Client(acr, new FixedEntraToken("entra-token-value"));

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.HeadManifestAsync(RepositoryName.Parse("ws-1/api"), Tag.Parse("v1"), CancellationToken.None));

        Assert.Contains("AcrPull", error.Message);
        Assert.DoesNotContain("entra-token-value", error.Message);
    }

    private static RegistryClientHandle Client(RecordedAcr acr, TokenCredential credential)
    {
        var options = Options.Create(new RegistryOptions { Url = new Uri($"https://{Registry}"), UseAzureIdentity = true });
        var handler = new RegistryAuthenticationHandler(options, new RegistryTokenCache(), new Lazy<AcrTokenExchange>(() => new AcrTokenExchange(credential, TimeProvider.System)), TimeProvider.System)
        {
            InnerHandler = acr,
        };
        return new RegistryClientHandle(new HttpClient(handler) { BaseAddress = new Uri($"https://{Registry}/") });
    }

    private sealed class RegistryClientHandle(HttpClient http) : IDisposable
    {
        private readonly RegistryClient client = new(http);

        public Task<ManifestHead?> HeadManifestAsync(RepositoryName repository, ManifestReference reference, CancellationToken cancellationToken) =>
            client.HeadManifestAsync(repository, reference, cancellationToken);

        public void Dispose() => http.Dispose();
    }

    private sealed class FixedEntraToken(string token) : TokenCredential
    {
        public List<string> RequestedScopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            RequestedScopes.AddRange(requestContext.Scopes);
            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    /// <summary>ACR's answers, as its documented token exchange gives them.</summary>
    private sealed class RecordedAcr : HttpMessageHandler
    {
        public bool RefuseExchange { get; init; }

        public List<string> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            var form = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add(form is null ? $"{request.Method} {path} ({request.Headers.Authorization?.ToString() ?? "none"})" : $"{request.Method} {path} {form}");
            switch (path)
            {
                case "/oauth2/exchange":
                    return RefuseExchange ? new HttpResponseMessage(HttpStatusCode.Unauthorized) : Json("""{"refresh_token":"acr-refresh-token"}""");
                case "/oauth2/token":
                    return Json("""{"access_token":"acr-access-token"}""");
                case "/v2/ws-1/api/manifests/v1" when request.Headers.Authorization?.ToString() == "Bearer acr-access-token":
                    var found = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
                    found.Headers.Add("Docker-Content-Digest", Digest);
                    found.Content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json");
                    return found;
                default:
                    var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
                    challenge.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Bearer",
                        $"realm=\"https://{Registry}/oauth2/token\",service=\"{Registry}\",scope=\"repository:ws-1/api:pull\""));
                    return challenge;
            }
        }

        private static HttpResponseMessage Json(string body) => new(HttpStatusCode.OK) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
    }
}
