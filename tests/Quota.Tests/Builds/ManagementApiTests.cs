using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orbit.Quota.Tests.Builds;

/// <summary>The orchestration management API in the Durable Functions shapes, exercised on builds.</summary>
[Collection(BuildsAppCollection.Name)]
public sealed class ManagementApiTests(BuildsAppFixture fixture)
{
    private HttpClient Http => fixture.App.Http;

    [Fact]
    public async Task Starting_answers_202_with_the_management_urls_Location_and_Retry_After_and_status_is_202_while_running_and_200_when_done()
    {
        using var response = await Http.PostAsJsonAsync("/api/builds", ExternalBuild());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var id = body.GetProperty("id").GetString()!;
        var status = body.GetProperty("statusQueryGetUri").GetString()!;
        Assert.Equal($"http://127.0.0.1:{fixture.App.Port}/runtime/webhooks/durabletask/instances/{id}", status);
        Assert.Equal($"{status}/raiseEvent/{{eventName}}", body.GetProperty("sendEventPostUri").GetString());
        Assert.Equal($"{status}/terminate?reason={{text}}", body.GetProperty("terminatePostUri").GetString());
        Assert.Equal(status, body.GetProperty("purgeHistoryDeleteUri").GetString());
        Assert.Equal(status, response.Headers.Location?.ToString());
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.DoesNotContain(BuildsAppFixture.FunctionKey, await response.Content.ReadAsStringAsync());

        var build = new BuildInstance(Http, id, new Uri(status));
        await build.WaitForPhaseAsync("ready-to-build");
        using (var running = await Http.GetAsync(new Uri(status).PathAndQuery))
        {
            Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
            var json = JsonDocument.Parse(await running.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(["name", "instanceId", "runtimeStatus", "input", "customStatus", "output", "createdTime", "lastUpdatedTime", "historyEvents"], json.EnumerateObject().Select(p => p.Name));
            Assert.Equal(("Build", id, "Running"), (json.GetProperty("name").GetString(), json.GetProperty("instanceId").GetString(), json.GetProperty("runtimeStatus").GetString()));
            Assert.Equal("external", json.GetProperty("input").GetProperty("registry").GetString()!.ToLowerInvariant());
        }

        await build.RaiseAsync("ImagePushed", new { digest = "sha256:" + new string('a', 64) });
        await build.WaitForEndAsync();
        using var finished = await Http.GetAsync(new Uri(status).PathAndQuery + "?showHistory=true");
        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        var done = JsonDocument.Parse(await finished.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Completed", done.GetProperty("runtimeStatus").GetString());
        var history = done.GetProperty("historyEvents").EnumerateArray().Select(e => e.GetProperty("eventType").GetString()).ToList();
        Assert.Equal("ExecutionStarted", history.First(e => e != "OrchestratorStarted"));
        Assert.Contains("EventRaised", history);
        Assert.Equal("ExecutionCompleted", history[^1]);
    }

    [Fact]
    public async Task Terminate_stops_a_running_instance_and_a_second_terminate_or_event_is_410_then_purge_removes_it()
    {
        var build = await BuildInstance.StartAsync(Http, ExternalBuild());
        var path = build.StatusUri.PathAndQuery;
        await build.WaitForPhaseAsync("ready-to-build");

        using (var early = await Http.DeleteAsync(path))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        }

        using (var terminate = await Http.PostAsync($"{path}/terminate?reason=operator%20cancelled", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        }

        var ended = await build.WaitForEndAsync();
        Assert.Equal("Terminated", ended.GetProperty("runtimeStatus").GetString());
        Assert.Equal("operator cancelled", ended.GetProperty("output").GetString());
        using (var again = await Http.PostAsync($"{path}/terminate", null))
        {
            Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
            Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        }

        using (var late = await Http.PostAsJsonAsync($"{path}/raiseEvent/ImagePushed", new { }))
        {
            Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        }

        using (var purge = await Http.DeleteAsync(path))
        {
            Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
            Assert.Equal(1, JsonDocument.Parse(await purge.Content.ReadAsStringAsync()).RootElement.GetProperty("instancesDeleted").GetInt32());
        }

        using var gone = await Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var purgedAgain = await Http.DeleteAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, purgedAgain.StatusCode);
    }

    [Fact]
    public async Task The_operator_listing_filters_by_status_name_and_created_time_and_pages_through_the_continuation_header()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var builds = new List<BuildInstance>();
        for (var i = 0; i < 3; i++)
        {
            builds.Add(await BuildInstance.StartAsync(Http, ExternalBuild()));
        }

        await Task.WhenAll(builds.Select(b => b.WaitForPhaseAsync("ready-to-build")));
        var seen = new List<string>();
        string? token = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/runtime/webhooks/durabletask/instances?runtimeStatus=Running,Pending&name=Build&createdTimeFrom={Uri.EscapeDataString(since.ToString("O"))}&top=1");
            if (token is not null)
            {
                request.Headers.Add("x-ms-continuation-token", token);
            }

            using var response = await Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            seen.AddRange(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(s => s.GetProperty("instanceId").GetString()!));
            token = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.Single() : null;
        }
        while (token is not null);

        Assert.Superset(builds.Select(b => b.Id).ToHashSet(), seen.ToHashSet());
        using var none = await Http.GetAsync($"/runtime/webhooks/durabletask/instances?runtimeStatus=Running&name=NoSuchOrchestrator");
        Assert.Equal("[]", await none.Content.ReadAsStringAsync());
        foreach (var build in builds)
        {
            await build.RaiseAsync("BuildFailed", new { reason = "test over" });
        }
    }

    [Fact]
    public async Task Bad_requests_to_the_build_and_management_endpoints_get_4xx_problems_and_start_nothing()
    {
        var before = await CountInstancesAsync();
        var workspace = FunctionAppFixtureNames.Workspace();
        (string Method, string Path, string? Body, HttpStatusCode Expected)[] cases =
        [
            ("POST", "/api/builds", "not json", HttpStatusCode.BadRequest),
            ("POST", "/api/builds", "{}", HttpStatusCode.BadRequest),
            ("POST", "/api/builds", "{\"workspaceId\":\"Bad_WS\",\"appId\":\"api\",\"repository\":\"a/api\",\"tag\":\"1\",\"registry\":\"managed\"}", HttpStatusCode.BadRequest),
            ("POST", "/api/builds", "{\"workspaceId\":\"ws-x\",\"appId\":\"api\",\"repository\":\"A//B\",\"tag\":\"1\",\"registry\":\"managed\"}", HttpStatusCode.BadRequest),
            ("POST", "/api/builds", "{\"workspaceId\":\"ws-x\",\"appId\":\"api\",\"repository\":\"a/api\",\"tag\":\".bad\",\"registry\":\"managed\"}", HttpStatusCode.BadRequest),
            ("POST", "/api/builds", "{\"workspaceId\":\"ws-x\",\"appId\":\"api\",\"repository\":\"a/api\",\"tag\":\"1\",\"registry\":\"ftp\"}", HttpStatusCode.BadRequest),
            ("POST", "/api/builds", "{\"workspaceId\":\"ws-x\",\"appId\":\"api\",\"repository\":\"a/api\",\"tag\":\"1\",\"registry\":\"managed\",\"estimatedBytes\":-5}", HttpStatusCode.BadRequest),
            ("POST", "/api/builds", "{\"workspaceId\":\"ws-x\",\"appId\":\"api\",\"repository\":\"a/api\",\"tag\":\"1\",\"registry\":\"managed\",\"estimatedBytes\":\"5\"}", HttpStatusCode.BadRequest),
            ("POST", "/api/builds", "{\"workspaceId\":\"ws-x\",\"appId\":\"api\",\"repository\":\"a/api\",\"tag\":\"1\"}", HttpStatusCode.BadRequest),
            ("POST", "/api/builds", $"{{\"workspaceId\":\"{workspace}\",\"appId\":\"api\",\"repository\":\"{workspace}/api\",\"tag\":\"1\",\"registry\":\"managed\"}}", HttpStatusCode.NotFound),
            ("POST", $"/api/internal/workspaces/{workspace}/cleanup-preview", null, HttpStatusCode.NotFound),
            ("POST", "/api/internal/workspaces/NOT_VALID/cleanup-preview", null, HttpStatusCode.BadRequest),
            ("POST", $"/api/internal/workspaces/{workspace}/cleanup-preview?estimatedBytes=lots", null, HttpStatusCode.BadRequest),
            ("GET", "/runtime/webhooks/durabletask/instances/no-such-instance", null, HttpStatusCode.NotFound),
            ("GET", "/runtime/webhooks/durabletask/instances/no-such-instance?showHistory=maybe", null, HttpStatusCode.BadRequest),
            ("POST", "/runtime/webhooks/durabletask/instances/no-such-instance/terminate", null, HttpStatusCode.NotFound),
            ("POST", "/runtime/webhooks/durabletask/instances/no-such-instance/raiseEvent/ImagePushed", "{}", HttpStatusCode.NotFound),
            ("POST", "/runtime/webhooks/durabletask/instances/x/raiseEvent/Bad%20Name", "{}", HttpStatusCode.BadRequest),
            ("POST", "/runtime/webhooks/durabletask/instances/x/raiseEvent/ImagePushed", "{not json", HttpStatusCode.BadRequest),
            ("DELETE", "/runtime/webhooks/durabletask/instances/no-such-instance", null, HttpStatusCode.NotFound),
            ("GET", "/runtime/webhooks/durabletask/instances?runtimeStatus=Sleeping", null, HttpStatusCode.BadRequest),
            ("GET", "/runtime/webhooks/durabletask/instances?top=0", null, HttpStatusCode.BadRequest),
            ("GET", "/runtime/webhooks/durabletask/instances?createdTimeFrom=yesterday", null, HttpStatusCode.BadRequest),
            ("POST", "/runtime/webhooks/durabletask/orchestrators/Build", "{}", HttpStatusCode.Unauthorized),
        ];

        foreach (var (method, path, body, expected) in cases)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (body is not null)
            {
                request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(expected == response.StatusCode, $"{method} {path} {body}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.False(string.IsNullOrWhiteSpace(JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString()), $"{method} {path}: no detail");
        }

        (string Path, string Body, HttpStatusCode Expected)[] adminCases =
        [
            ("/runtime/webhooks/durabletask/orchestrators/NoSuchOrchestrator", "{}", HttpStatusCode.NotFound),
            ("/runtime/webhooks/durabletask/orchestrators/Build", "{\"unexpected\":true}", HttpStatusCode.BadRequest),
            ("/runtime/webhooks/durabletask/orchestrators/Build/bad%2Fid", "{}", HttpStatusCode.BadRequest),
        ];
        using var admin = new HttpClient { BaseAddress = Http.BaseAddress };
        foreach (var (path, body, expected) in adminCases)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("x-functions-key", BuildsAppFixture.MasterKey);
            using var response = await admin.SendAsync(request);
            Assert.True(expected == response.StatusCode, $"POST {path} {body}: expected {(int)expected}, got {(int)response.StatusCode}");
        }

        using var noKey = new HttpClient { BaseAddress = Http.BaseAddress };
        using var unauthorized = await noKey.GetAsync("/runtime/webhooks/durabletask/instances");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(before, await CountInstancesAsync());
    }

    private async Task<int> CountInstancesAsync()
    {
        var table = new Azure.Data.Tables.TableClient(fixture.Azurite.ConnectionString, $"{fixture.HubName}Instances");
        await table.CreateIfNotExistsAsync();
        return table.Query<Azure.Data.Tables.TableEntity>().Count();
    }

    private static object ExternalBuild() => new { workspaceId = "ws-external", appId = "api", repository = "external/api", tag = "1.0", registry = "external" };
}

internal static class FunctionAppFixtureNames
{
    public static string Workspace() => Orbit.Quota.Tests.Integration.FunctionAppFixture.NewWorkspace();
}
