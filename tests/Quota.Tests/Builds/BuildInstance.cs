using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orbit.Testing;

namespace Orbit.Quota.Tests.Builds;

/// <summary>
/// A started build, driven the way a build system drives it with its function key: poll <c>GET /api/builds/{id}</c>,
/// report the outcome to <c>/api/builds/{id}/pushed</c> or <c>/failed</c>. <see cref="StatusUri"/> is the Durable
/// management URL the start returned, system key included, for the tests of that API.
/// </summary>
public sealed class BuildInstance(HttpClient http, string id, Uri statusUri)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public string Id { get; } = id;

    public Uri StatusUri { get; } = statusUri;

    public static async Task<BuildInstance> StartAsync(HttpClient http, object body)
    {
        using var response = await http.PostAsJsonAsync("/api/builds", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /api/builds: {(int)response.StatusCode} {text}");
        var json = JsonDocument.Parse(text).RootElement;
        return new BuildInstance(http, json.GetProperty("id").GetString()!, new Uri(json.GetProperty("statusQueryGetUri").GetString()!));
    }

    public async Task<JsonElement> StatusAsync()
    {
        using var response = await http.GetAsync($"/api/builds/{Id}");
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"status of {Id}: {(int)response.StatusCode}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Polls until the custom status reports <paramref name="phase"/>; fails early if the instance ends.</summary>
    public Task<JsonElement> WaitForPhaseAsync(string phase) =>
        Eventually.ReturnsAsync(() => StatusAsync(), status =>
        {
            var runtime = status.GetProperty("runtimeStatus").GetString();
            Assert.True(runtime is "Pending" or "Running" || Phase(status) == phase, $"build {Id} ended {runtime} before reaching {phase}: {status}");
            return Phase(status) == phase;
        }, Patience, $"build {Id} to reach {phase}");

    public Task<JsonElement> WaitForEndAsync() =>
        Eventually.ReturnsAsync(() => StatusAsync(), status => status.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated", Patience, $"build {Id} to finish");

    public async Task PushedAsync(string? digest)
    {
        using var response = await http.PostAsJsonAsync($"/api/builds/{Id}/pushed", new { digest });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    public async Task FailedAsync(string reason)
    {
        using var response = await http.PostAsJsonAsync($"/api/builds/{Id}/failed", new { reason });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>A management URL for this instance: the status URL's path with <paramref name="suffix"/>, and its query (the system key).</summary>
    public string ManagementPath(string suffix = "", string? query = null) =>
        StatusUri.AbsolutePath + suffix + StatusUri.Query + (query is null ? string.Empty : "&" + query);

    /// <summary>The phase of a status from <c>GET /api/builds/{id}</c>, or from a management URL (where it is inside <c>customStatus</c>).</summary>
    public static string? Phase(JsonElement status) =>
        status.TryGetProperty("phase", out var phase) ? phase.GetString()
        : status.TryGetProperty("customStatus", out var custom) && custom.ValueKind == JsonValueKind.Object ? custom.GetProperty("phase").GetString()
        : null;
}
