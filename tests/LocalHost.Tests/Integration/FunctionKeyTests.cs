using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orbit.LocalHost.Tests.Integration;

/// <summary>The key matrix at the HTTP front, as Azure Functions has it, with the host's refusals as problem details.</summary>
[Collection(StorageCollection.Name)]
public sealed class FunctionKeyTests(StorageFixture fixture)
{
    [Theory]
    [InlineData(StorageFixture.MasterKey)]
    [InlineData(StorageFixture.HostKey)]
    [InlineData(StorageFixture.LegacyHostKey)]
    public async Task Master_and_host_keys_reach_every_function_level_function_in_the_header_or_as_code(string key)
    {
        var host = await fixture.KeyedHostAsync();

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, HttpMethod.Get, "/api/echo/a", key));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, HttpMethod.Get, $"/api/echo/a?code={key}"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, HttpMethod.Post, "/api/large", key));
    }

    [Fact]
    public async Task A_function_key_reaches_its_own_function_and_is_refused_by_another()
    {
        var host = await fixture.KeyedHostAsync();

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, HttpMethod.Get, "/api/echo/a", StorageFixture.EchoKey));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(host, HttpMethod.Post, "/api/large", StorageFixture.EchoKey));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(host, HttpMethod.Post, $"/api/large?code={StorageFixture.EchoKey}"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, HttpMethod.Post, "/api/large", StorageFixture.LargeBodyKey));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(host, HttpMethod.Get, "/api/echo/a", StorageFixture.LargeBodyKey));
    }

    [Fact]
    public async Task Admin_level_takes_the_master_key_only()
    {
        var host = await fixture.KeyedHostAsync();

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, HttpMethod.Get, "/api/admin/echo", StorageFixture.MasterKey));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, HttpMethod.Get, $"/api/admin/echo?code={StorageFixture.MasterKey}"));
        foreach (var key in new[] { StorageFixture.HostKey, StorageFixture.LegacyHostKey, StorageFixture.EchoKey, DurableSystemKey.For(StorageFixture.MasterKey) })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(host, HttpMethod.Get, "/api/admin/echo", key));
        }
    }

    [Fact]
    public async Task Anonymous_functions_answer_without_a_key_and_with_a_wrong_one()
    {
        var host = await fixture.KeyedHostAsync();

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, HttpMethod.Get, "/api/public/echo"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, HttpMethod.Get, "/api/public/echo", "not-a-key"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, HttpMethod.Get, "/api/health"));
    }

    [Fact]
    public async Task A_missing_or_wrong_key_is_401_problem_details_saying_where_a_key_goes_and_the_function_is_not_called()
    {
        var host = await fixture.KeyedHostAsync();

        foreach (var (path, key) in new[] { ("/api/echo/a", null), ("/api/echo/a", ""), ("/api/echo/a?code=", null), ("/api/echo/a", "wrong"), ("/api/echo/a?code=wrong", null), ("/api/echo/a", DurableSystemKey.For(StorageFixture.MasterKey)) })
        {
            using var response = await HttpTriggerTests.SendAsync(host, HttpMethod.Get, path, key);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(401, problem.GetProperty("status").GetInt32());
            Assert.Contains("x-functions-key", problem.GetProperty("detail").GetString());
            Assert.Contains("Echo", problem.GetProperty("detail").GetString());
            Assert.False(problem.TryGetProperty("function", out _));
        }
    }

    private static async Task<HttpStatusCode> StatusAsync(TestAppHost host, HttpMethod method, string path, string? header = null)
    {
        using var response = await HttpTriggerTests.SendAsync(host, method, path, header);
        return response.StatusCode;
    }
}
