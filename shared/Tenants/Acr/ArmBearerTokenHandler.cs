using System.Net.Http.Headers;
using Azure.Core;
using Microsoft.Extensions.Options;

namespace Orbit.Tenants.Acr;

/// <summary>Signs every ARM request with an Entra ID token for the management endpoint's audience.</summary>
public sealed class ArmBearerTokenHandler(TokenCredential credential, IOptions<AcrOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Azure.Identity caches tokens until shortly before they expire, so asking on every request is cheap.
        var scope = new Uri(options.Value.ManagementEndpoint, "/.default").AbsoluteUri;
        var token = await credential.GetTokenAsync(new TokenRequestContext([scope]), cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return await base.SendAsync(request, cancellationToken);
    }
}
