using System.Net;
using System.Net.Http.Headers;
using Orbit.Registry.Client;

namespace Orbit.Registry.Tests.Client;

public sealed class HeaderParsingTests
{
    [Fact]
    public void The_next_page_comes_from_the_link_header()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("Link", "</v2/ws/api/tags/list?last=b&n=2>; rel=\"next\"");

        Assert.Equal("/v2/ws/api/tags/list?last=b&n=2", NextPageLink.From(response)?.OriginalString);
    }

    [Fact]
    public void Without_a_link_header_there_is_no_next_page()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);

        Assert.Null(NextPageLink.From(response));
    }

    [Fact]
    public void A_bearer_challenge_gives_realm_service_and_scope()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Bearer",
            "realm=\"https://orbit.example/api/registry/token\",service=\"registry.example\",scope=\"repository:tenants/tenant-1:pull,push\""));

        var challenge = AuthenticationChallenge.From(response);

        Assert.NotNull(challenge);
        Assert.True(challenge.IsBearer);
        Assert.Equal("https://orbit.example/api/registry/token", challenge.Realm);
        Assert.Equal("registry.example", challenge.Service);
        Assert.Equal("repository:tenants/tenant-1:pull,push", challenge.Scope);
    }

    [Fact]
    public void A_basic_challenge_is_recognised()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Basic", "realm=\"Registry Realm\""));

        Assert.True(AuthenticationChallenge.From(response)?.IsBasic);
    }
}
