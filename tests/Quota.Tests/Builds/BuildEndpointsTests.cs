using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orbit.Testing;

namespace Orbit.Quota.Tests.Builds;

/// <summary>
/// The build system's own endpoints, <c>GET /api/builds/{id}</c>, <c>POST …/pushed</c> and <c>POST …/failed</c>, with
/// nothing but a function key: the conversation after the start without the management API's URLs.
/// </summary>
[Collection(BuildsAppCollection.Name)]
public sealed class BuildEndpointsTests(BuildsAppFixture fixture)
{
    private static readonly string SomeDigest = "sha256:" + new string('b', 64);

    private HttpClient Http => fixture.App.Http;

    [Fact]
    public async Task Status_shows_the_phase_and_log_once_and_pushed_completes_the_build_with_the_reported_digest()
    {
        var build = await BuildInstance.StartAsync(Http, ExternalBuild());
        var ready = await Eventually.ReturnsAsync(() => StatusAsync(build.Id), status => status.GetProperty("phase").GetString() == "ready-to-build", TimeSpan.FromSeconds(60), "ready-to-build");
        Assert.Equal(build.Id, ready.GetProperty("id").GetString());
        Assert.Equal("Running", ready.GetProperty("runtimeStatus").GetString());
        Assert.Equal(["External registry: no quota check or cleanup."], ready.GetProperty("buildLog").EnumerateArray().Select(line => line.GetString()));
        Assert.Equal("external/api", ready.GetProperty("build").GetProperty("repository").GetString());

        using (var pushed = await Http.PostAsJsonAsync($"/api/builds/{build.Id}/pushed", new { digest = SomeDigest }))
        {
            Assert.Equal(HttpStatusCode.Accepted, pushed.StatusCode);
            Assert.Equal($"/api/builds/{build.Id}", pushed.Headers.Location?.ToString());
        }

        var done = await Eventually.ReturnsAsync(() => StatusAsync(build.Id), status => status.GetProperty("runtimeStatus").GetString() != "Running", TimeSpan.FromSeconds(60), "the build to finish");
        Assert.Equal("Completed", done.GetProperty("runtimeStatus").GetString());
        Assert.Equal(SomeDigest, done.GetProperty("result").GetProperty("digest").GetString());
        Assert.Equal(JsonValueKind.Null, done.GetProperty("failure").ValueKind);

        await AssertProblemAsync(HttpStatusCode.Gone, await Http.PostAsJsonAsync($"/api/builds/{build.Id}/pushed", new { }), "already Completed");
        await AssertProblemAsync(HttpStatusCode.Gone, await Http.PostAsJsonAsync($"/api/builds/{build.Id}/failed", new { reason = "late" }), "already Completed");
    }

    [Fact]
    public async Task Failed_fails_the_build_with_the_reason_given()
    {
        var build = await BuildInstance.StartAsync(Http, ExternalBuild());
        await build.WaitForPhaseAsync("ready-to-build");
        using (var failed = await Http.PostAsJsonAsync($"/api/builds/{build.Id}/failed", new { reason = "docker build: exit code 2 in step 7/12" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, failed.StatusCode);
        }

        var done = await Eventually.ReturnsAsync(() => StatusAsync(build.Id), status => status.GetProperty("runtimeStatus").GetString() != "Running", TimeSpan.FromSeconds(60), "the build to fail");
        Assert.Equal("Failed", done.GetProperty("runtimeStatus").GetString());
        Assert.Contains("docker build: exit code 2 in step 7/12", done.GetProperty("failure").GetString());
        Assert.Equal(JsonValueKind.Null, done.GetProperty("result").ValueKind);
    }

    [Fact]
    public async Task Malformed_reports_are_400_unknown_builds_404_and_no_key_401_and_none_of_them_changes_the_build()
    {
        var build = await BuildInstance.StartAsync(Http, ExternalBuild());
        await build.WaitForPhaseAsync("ready-to-build");

        await AssertProblemAsync(HttpStatusCode.BadRequest, await Http.PostAsJsonAsync($"/api/builds/{build.Id}/pushed", new { digest = "sha256:nothex" }), "not a digest");
        await AssertProblemAsync(HttpStatusCode.BadRequest, await Http.PostAsJsonAsync($"/api/builds/{build.Id}/failed", new { reason = "  " }), "reason is required");
        await AssertProblemAsync(HttpStatusCode.BadRequest, await Http.PostAsJsonAsync($"/api/builds/{build.Id}/failed", new { reason = new string('x', 2001) }), "reason is required");
        using (var notJson = await Http.PostAsync($"/api/builds/{build.Id}/pushed", new StringContent("{digest", System.Text.Encoding.UTF8, "application/json")))
        {
            await AssertProblemAsync(HttpStatusCode.BadRequest, notJson, "not a valid");
        }

        var unknown = "no-such-build-" + Guid.NewGuid().ToString("N");
        await AssertProblemAsync(HttpStatusCode.NotFound, await Http.GetAsync($"/api/builds/{unknown}"), "There is no build");
        await AssertProblemAsync(HttpStatusCode.NotFound, await Http.PostAsJsonAsync($"/api/builds/{unknown}/pushed", new { }), "There is no build");
        await AssertProblemAsync(HttpStatusCode.NotFound, await Http.PostAsJsonAsync($"/api/builds/{unknown}/failed", new { reason = "x" }), "There is no build");

        using var anonymous = new HttpClient { BaseAddress = Http.BaseAddress };
        using (var noKey = await anonymous.GetAsync($"/api/builds/{build.Id}"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        }

        using (var noKeyReport = await anonymous.PostAsJsonAsync($"/api/builds/{build.Id}/failed", new { reason = "forged" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, noKeyReport.StatusCode);
        }

        var still = await StatusAsync(build.Id);
        Assert.Equal(("Running", "ready-to-build"), (still.GetProperty("runtimeStatus").GetString(), still.GetProperty("phase").GetString()));
        using var cleanUp = await Http.PostAsJsonAsync($"/api/builds/{build.Id}/failed", new { reason = "test over" });
        Assert.Equal(HttpStatusCode.Accepted, cleanUp.StatusCode);
    }

    [Fact]
    public async Task A_managed_build_for_an_unknown_workspace_is_404_before_its_repository_is_judged()
    {
        // The repository would be refused (another workspace's by convention) were the workspace known: the unknown workspace says so first.
        var ghost = "ghost-" + Guid.NewGuid().ToString("N")[..8];
        var body = new { workspaceId = ghost, appId = "api", repository = "someone-else/api", tag = "1.0", registry = "managed" };

        await AssertProblemAsync(HttpStatusCode.NotFound, await Http.PostAsJsonAsync("/api/builds", body), $"Workspace '{ghost}' has no quota yet");
    }

    private async Task<JsonElement> StatusAsync(string id)
    {
        using var response = await Http.GetAsync($"/api/builds/{id}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/builds/{id}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task AssertProblemAsync(HttpStatusCode expected, HttpResponseMessage response, string detailContains)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(detailContains, JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString());
        }
    }

    private static object ExternalBuild() => new { workspaceId = "ws-external", appId = "api", repository = "external/api", tag = "1.0", registry = "external" };
}
