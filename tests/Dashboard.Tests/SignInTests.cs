using System.Net;
using System.Text.RegularExpressions;

namespace Orbit.Dashboard.Tests;

/// <summary>Sign-in with the master key only, the session cookie's flags, and what an attacker's tries get.</summary>
[Collection(DashboardAppCollection.Name)]
public sealed partial class SignInTests(DashboardAppFixture fixture)
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong-key")]
    [InlineData(DashboardAppFixture.FunctionKey)]
    [InlineData(DashboardAppFixture.HostKey)]
    public async Task Sign_in_refuses_no_key_a_wrong_key_and_function_or_host_keys_and_sets_no_cookie(string? key)
    {
        using var client = Client();
        using var response = await client.PostAsync("/api/dashboard/sign-in", new FormUrlEncodedContent(key is null ? [] : [KeyValuePair.Create("key", key)]));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("admin key", body, StringComparison.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(key))
        {
            Assert.DoesNotContain(key, body);
            Assert.DoesNotContain(key, fixture.App.Output);
        }
    }

    [Fact]
    public async Task The_master_key_gives_an_HttpOnly_SameSite_Strict_session_cookie_on_the_dashboards_path_Secure_behind_TLS_and_the_key_is_nowhere()
    {
        using var client = Client();
        using var plain = await SignInAsync(client, https: false);
        Assert.Equal(HttpStatusCode.SeeOther, plain.StatusCode);
        Assert.Equal("/api/dashboard", plain.Headers.Location?.OriginalString);
        var cookie = Assert.Single(plain.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("orbit-dashboard=", cookie);
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; path=/api/dashboard", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(DashboardAppFixture.MasterKey, cookie);

        using var tls = await SignInAsync(client, https: true);
        Assert.Contains("; secure", Assert.Single(tls.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);

        using var home = await GetWithCookieAsync(client, "/api/dashboard", CookieValue(cookie));
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal("no-store", home.Headers.CacheControl?.ToString());
        Assert.StartsWith("default-src 'none';", home.Headers.GetValues("Content-Security-Policy").Single());
        var page = await home.Content.ReadAsStringAsync();
        Assert.DoesNotContain(DashboardAppFixture.MasterKey, page);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(DashboardAppFixture.MasterKey, fixture.App.Output);
        Assert.DoesNotContain(DashboardAppFixture.AdminKeySha256(DashboardAppFixture.MasterKey), fixture.App.Output);
    }

    [Theory]
    [InlineData("/api/dashboard")]
    [InlineData("/api/dashboard/builds")]
    [InlineData("/api/dashboard/tenants")]
    [InlineData("/api/dashboard/hosts")]
    [InlineData("/api/dashboard/workspaces/team-a")]
    public async Task A_page_without_a_session_or_with_a_tampered_one_redirects_to_the_sign_in_form(string path)
    {
        using var client = Client();
        using var none = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.SeeOther, none.StatusCode);
        Assert.Equal("/api/dashboard/sign-in", none.Headers.Location?.OriginalString);

        using var signIn = await SignInAsync(client, https: false);
        var value = CookieValue(Assert.Single(signIn.Headers.GetValues("Set-Cookie")));
        var tampered = value[..^4] + (value[^4] == 'A' ? 'B' : 'A') + value[^3..];
        foreach (var forged in new[] { tampered, "operator|1700000000", Convert.ToBase64String("operator"u8.ToArray()) })
        {
            using var response = await GetWithCookieAsync(client, path, forged);
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        }
    }

    [Fact]
    public async Task Another_instance_accepts_a_session_until_it_expires_and_sign_out_removes_the_cookie()
    {
        // A second instance on the same storage shares the key ring: its short sessions open this instance's pages.
        await using var shortLived = await fixture.StartAppAsync("dashboard-short-sessions", new Dictionary<string, string?> { ["Dashboard__SessionLifetime"] = "00:00:03" });
        using var other = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = shortLived.Http.BaseAddress };
        using var signIn = await SignInAsync(other, https: false);
        var cookie = CookieValue(Assert.Single(signIn.Headers.GetValues("Set-Cookie")));

        using var client = Client();
        using var accepted = await GetWithCookieAsync(client, "/api/dashboard", cookie);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(4));
        using var expired = await GetWithCookieAsync(client, "/api/dashboard", cookie);
        Assert.Equal(HttpStatusCode.SeeOther, expired.StatusCode);

        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/api/dashboard/sign-out");
        signOut.Headers.Add("Cookie", $"orbit-dashboard={cookie}");
        using var signedOut = await client.SendAsync(signOut);
        Assert.Equal(HttpStatusCode.SeeOther, signedOut.StatusCode);
        Assert.Contains("expires=Thu, 01 Jan 1970", Assert.Single(signedOut.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/api/dashboard/workspaces/..%2F..%2Finternal%2Fregistry%2Freconcile")]
    [InlineData("/api/dashboard/workspaces/%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("/api/dashboard/workspaces/Team-A")]
    [InlineData("/api/dashboard/workspaces/team-a%00")]
    public async Task A_workspace_id_with_path_tricks_or_markup_is_refused_and_never_echoed(string path)
    {
        using var client = Client();
        using var signIn = await SignInAsync(client, https: false);
        using var response = await GetWithCookieAsync(client, path, CookieValue(Assert.Single(signIn.Headers.GetValues("Set-Cookie"))));
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", body);
        Assert.DoesNotContain("registry/reconcile", body);
    }

    private HttpClient Client() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = fixture.BaseAddress };

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, bool https)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/dashboard/sign-in") { Content = new FormUrlEncodedContent([KeyValuePair.Create("key", DashboardAppFixture.MasterKey)]) };
        if (https)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
        }

        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> GetWithCookieAsync(HttpClient client, string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", $"orbit-dashboard={cookie}");
        return await client.SendAsync(request);
    }

    private static string CookieValue(string setCookie) => CookieValueGrammar().Match(setCookie).Groups[1].Value;

    [GeneratedRegex("^orbit-dashboard=([^;]*)")]
    private static partial Regex CookieValueGrammar();
}
