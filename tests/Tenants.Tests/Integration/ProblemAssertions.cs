using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orbit.Tenants.Tests.Integration;

public static class ProblemAssertions
{
    /// <summary>Asserts an RFC 7807 answer with this status and returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }

    public static async Task AssertUnauthorizedWithBasicChallengeAsync(HttpResponseMessage response)
    {
        var problem = await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.StartsWith("Basic", response.Headers.WwwAuthenticate.Single().Scheme, StringComparison.Ordinal);
        Assert.False(problem.TryGetProperty("token", out _));
    }
}
