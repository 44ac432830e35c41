using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace Orbit.LocalHost.Tests.Integration;

/// <summary>HTTP functions through the local host's front: routes, methods and route values from the worker's metadata, the request forwarded to the worker.</summary>
[Collection(StorageCollection.Name)]
public sealed class HttpTriggerTests(StorageFixture fixture)
{
    [Fact]
    public async Task Route_values_and_the_query_reach_the_function_and_the_key_does_not()
    {
        var host = await fixture.KeyedHostAsync();

        var echo = await EchoAsync(host, HttpMethod.Get, $"/api/echo/alpha/42?q=1&code={StorageFixture.EchoKey}&x=y%20z");
        var posted = await EchoAsync(host, HttpMethod.Post, "/api/echo/beta", header: StorageFixture.EchoKey);

        Assert.Equal(("GET", "/api/echo/alpha/42"), (echo.GetProperty("method").GetString(), echo.GetProperty("path").GetString()));
        Assert.Equal(("alpha", "42"), (Text(echo, "route", "name"), Text(echo, "route", "id")));
        Assert.Equal(["q", "x"], echo.GetProperty("query").EnumerateObject().Select(pair => pair.Name).Order());
        Assert.Equal(("1", "y z"), (Text(echo, "query", "q"), Text(echo, "query", "x")));
        Assert.False(echo.GetProperty("keyHeader").GetBoolean());
        Assert.Equal(("POST", "beta"), (posted.GetProperty("method").GetString(), Text(posted, "route", "name")));
        Assert.Equal(JsonValueKind.Null, posted.GetProperty("route").GetProperty("id").ValueKind);
        Assert.False(posted.GetProperty("keyHeader").GetBoolean());
    }

    [Fact]
    public async Task A_request_outside_the_declared_routes_constraints_and_methods_never_reaches_a_function()
    {
        var host = await fixture.KeyedHostAsync();

        using var notAnInteger = await SendAsync(host, HttpMethod.Get, "/api/echo/alpha/forty-two", StorageFixture.MasterKey);
        using var unknown = await SendAsync(host, HttpMethod.Get, "/api/no-such-function", StorageFixture.MasterKey);
        using var undeclaredMethod = await SendAsync(host, HttpMethod.Delete, "/api/echo/alpha/42", StorageFixture.MasterKey);
        using var outsidePrefix = await SendAsync(host, HttpMethod.Get, "/echo/alpha/42", StorageFixture.MasterKey);

        Assert.Equal(HttpStatusCode.NotFound, notAnInteger.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, outsidePrefix.StatusCode);
        // As Azure answers: a method the route's function does not declare is not found (ASP.NET Core routing alone says 405).
        Assert.Equal(HttpStatusCode.NotFound, undeclaredMethod.StatusCode);
        Assert.Equal("application/problem+json", undeclaredMethod.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("\"function\"", await undeclaredMethod.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_large_body_crosses_the_host_to_the_worker_and_back_unchanged()
    {
        var host = await fixture.KeyedHostAsync();
        var body = RandomNumberGenerator.GetBytes(12 * 1024 * 1024);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/large") { Content = new ByteArrayContent(body) };
        request.Headers.Add("x-functions-key", StorageFixture.LargeBodyKey);
        using var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetValues("x-body-length").Single());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), response.Headers.GetValues("x-body-sha256").Single());
        Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
    }

    internal static async Task<HttpResponseMessage> SendAsync(TestAppHost host, HttpMethod method, string path, string? header = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("x-functions-key", header);
        }

        return await host.Http.SendAsync(request);
    }

    private static async Task<JsonElement> EchoAsync(TestAppHost host, HttpMethod method, string path, string? header = null)
    {
        using var response = await SendAsync(host, method, path, header);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string? Text(JsonElement json, string property, string name) => json.GetProperty(property).GetProperty(name).GetString();
}
