using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orbit.Quota.Tests.Builds;

/// <summary>
/// The Durable Functions management API (answered by the Durable extension itself) on builds: the URLs a start
/// returns work as returned, they carry the durabletask system key, and nothing but that key or the master key opens
/// the API. The build endpoints take a function key and refuse bad requests with problem details.
/// </summary>
[Collection(BuildsAppCollection.Name)]
public sealed class ManagementApiTests(BuildsAppFixture fixture)
{
    private HttpClient Http => fixture.App.Http;

    [Fact]
    public async Task Starting_answers_202_with_management_urls_that_carry_the_system_key_and_work_as_returned_without_any_other_key()
    {
        using var response = await Http.PostAsJsonAsync("/api/builds", ExternalBuild());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(text).RootElement;
        var id = body.GetProperty("id").GetString()!;
        var status = new Uri(body.GetProperty("statusQueryGetUri").GetString()!);
        Assert.Equal($"http://127.0.0.1:{fixture.App.Port}/runtime/webhooks/durabletask/instances/{id}", status.GetLeftPart(UriPartial.Path));
        Assert.StartsWith("?code=", status.Query, StringComparison.Ordinal);
        Assert.StartsWith($"{status.GetLeftPart(UriPartial.Path)}/raiseEvent/{{eventName}}?", body.GetProperty("sendEventPostUri").GetString(), StringComparison.Ordinal);
        Assert.StartsWith($"{status.GetLeftPart(UriPartial.Path)}/terminate?reason={{text}}", body.GetProperty("terminatePostUri").GetString(), StringComparison.Ordinal);
        Assert.Equal(status.ToString(), body.GetProperty("purgeHistoryDeleteUri").GetString());
        Assert.Equal(status, response.Headers.Location);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.DoesNotContain(BuildsAppFixture.FunctionKey, text);
        Assert.DoesNotContain(BuildsAppFixture.MasterKey, text);

        using var asReturned = new HttpClient();
        var build = new BuildInstance(Http, id, status);
        await build.WaitForPhaseAsync("ready-to-build");
        using (var running = await asReturned.GetAsync(status))
        {
            Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
            var json = JsonDocument.Parse(await running.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(("Build", id, "Running"), (json.GetProperty("name").GetString(), json.GetProperty("instanceId").GetString(), json.GetProperty("runtimeStatus").GetString()));
            Assert.Equal("external", json.GetProperty("input").GetProperty("registry").GetString());
            Assert.Equal("ready-to-build", json.GetProperty("customStatus").GetProperty("phase").GetString());
        }

        await build.PushedAsync("sha256:" + new string('a', 64));
        await build.WaitForEndAsync();
        using var finished = await asReturned.GetAsync(build.ManagementPath(query: "showHistory=true").Insert(0, status.GetLeftPart(UriPartial.Authority)));
        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        var done = JsonDocument.Parse(await finished.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Completed", done.GetProperty("runtimeStatus").GetString());
        Assert.Equal("sha256:" + new string('a', 64), done.GetProperty("output").GetProperty("digest").GetString());
        var history = done.GetProperty("historyEvents").EnumerateArray().Select(e => e.GetProperty("EventType").GetString()).ToList();
        Assert.Contains("ExecutionStarted", history);
        Assert.Contains("EventRaised", history);
        Assert.Equal("ExecutionCompleted", history[^1]);
    }

    [Fact]
    public async Task Terminate_stops_a_running_build_a_second_terminate_or_event_is_410_and_purge_removes_it()
    {
        var build = await BuildInstance.StartAsync(Http, ExternalBuild());
        await build.WaitForPhaseAsync("ready-to-build");
        using var operator_ = new HttpClient { BaseAddress = Http.BaseAddress };

        using (var terminate = await operator_.PostAsync(build.ManagementPath("/terminate", "reason=operator%20cancelled"), null))
        {
            Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        }

        var ended = await build.WaitForEndAsync();
        Assert.Equal("Terminated", ended.GetProperty("runtimeStatus").GetString());
        Assert.Equal("operator cancelled", ended.GetProperty("failure").GetString());
        using (var again = await operator_.PostAsync(build.ManagementPath("/terminate"), null))
        {
            Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        }

        using (var late = await operator_.PostAsJsonAsync(build.ManagementPath("/raiseEvent/ImagePushed"), new { }))
        {
            Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        }

        using (var lateToo = await Http.PostAsJsonAsync($"/api/builds/{build.Id}/pushed", new { }))
        {
            Assert.Equal(HttpStatusCode.Gone, lateToo.StatusCode);
            Assert.Equal("application/problem+json", lateToo.Content.Headers.ContentType?.MediaType);
        }

        using (var purge = await operator_.DeleteAsync(build.ManagementPath()))
        {
            Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
            Assert.Equal(1, JsonDocument.Parse(await purge.Content.ReadAsStringAsync()).RootElement.GetProperty("instancesDeleted").GetInt32());
        }

        using var gone = await operator_.GetAsync(build.ManagementPath());
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var goneHere = await Http.GetAsync($"/api/builds/{build.Id}");
        Assert.Equal(HttpStatusCode.NotFound, goneHere.StatusCode);
    }

    [Fact]
    public async Task The_operator_listing_filters_by_status_and_created_time_and_pages_with_the_continuation_header()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var builds = new List<BuildInstance>();
        for (var i = 0; i < 3; i++)
        {
            builds.Add(await BuildInstance.StartAsync(Http, ExternalBuild()));
        }

        await Task.WhenAll(builds.Select(b => b.WaitForPhaseAsync("ready-to-build")));
        using var master = MasterClient();
        var filter = $"/runtime/webhooks/durabletask/instances?runtimeStatus=Running,Pending&createdTimeFrom={Uri.EscapeDataString(since.ToString("O"))}";

        // The whole listing names the three builds; a page of one is one instance and a token that moves on to another.
        using (var all = await master.GetAsync(filter))
        {
            Assert.Equal(HttpStatusCode.OK, all.StatusCode);
            var listed = JsonDocument.Parse(await all.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(s => s.GetProperty("instanceId").GetString()!).ToHashSet();
            Assert.Superset(listed, builds.Select(b => b.Id).ToHashSet());
        }

        using var first = await master.GetAsync(filter + "&top=1");
        var firstPage = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(s => s.GetProperty("instanceId").GetString()!).ToList();
        Assert.Single(firstPage);
        var token = Assert.Single(first.Headers.GetValues("x-ms-continuation-token"));
        using var request = new HttpRequestMessage(HttpMethod.Get, filter + "&top=1");
        request.Headers.Add("x-ms-continuation-token", token);
        using var second = await master.SendAsync(request);
        var secondPage = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(s => s.GetProperty("instanceId").GetString()!).ToList();
        Assert.Single(secondPage);
        Assert.NotEqual(firstPage, secondPage);

        foreach (var build in builds)
        {
            await build.FailedAsync("test over");
        }
    }

    [Fact]
    public async Task Only_the_master_key_or_the_system_key_opens_the_management_api_never_a_function_host_or_per_function_key()
    {
        var build = await BuildInstance.StartAsync(Http, ExternalBuild());
        var path = build.StatusUri.AbsolutePath;
        var systemKey = System.Web.HttpUtility.ParseQueryString(build.StatusUri.Query)["code"]!;
        (string? Key, HttpStatusCode Expected)[] keys =
        [
            (null, HttpStatusCode.Unauthorized),
            ("not-a-key", HttpStatusCode.Unauthorized),
            (BuildsAppFixture.FunctionKey, HttpStatusCode.Unauthorized),
            (BuildsAppFixture.HostKey, HttpStatusCode.Unauthorized),
            (BuildsAppFixture.RegistryEventsKey, HttpStatusCode.Unauthorized),
            (BuildsAppFixture.MasterKey, HttpStatusCode.Accepted),
            (systemKey, HttpStatusCode.Accepted),
        ];
        using var client = new HttpClient { BaseAddress = Http.BaseAddress };
        foreach (var (key, expected) in keys)
        {
            foreach (var inQuery in new[] { false, true })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, inQuery && key is not null ? $"{path}?code={Uri.EscapeDataString(key)}" : path);
                if (!inQuery && key is not null)
                {
                    request.Headers.Add("x-functions-key", key);
                }

                using var response = await client.SendAsync(request);
                Assert.True(
                    expected == response.StatusCode || (expected == HttpStatusCode.Accepted && response.StatusCode == HttpStatusCode.OK),
                    $"{(key is null ? "no key" : key[..Math.Min(6, key.Length)] + "…")} in the {(inQuery ? "query" : "header")}: expected {(int)expected}, got {(int)response.StatusCode}");
            }
        }

        // The per-function key opens its own function and nothing else.
        using var events = new HttpRequestMessage(HttpMethod.Post, "/api/registry/events") { Content = JsonContent.Create(new { events = Array.Empty<object>() }) };
        events.Headers.Add("x-functions-key", BuildsAppFixture.RegistryEventsKey);
        using (var accepted = await client.SendAsync(events))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        using var other = new HttpRequestMessage(HttpMethod.Get, $"/api/builds/{build.Id}");
        other.Headers.Add("x-functions-key", BuildsAppFixture.RegistryEventsKey);
        using (var refused = await client.SendAsync(other))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        await build.FailedAsync("test over");
    }

    [Fact]
    public async Task Bad_requests_to_the_build_endpoints_get_4xx_problems_and_start_or_change_nothing()
    {
        var before = await CountInstancesAsync();
        var workspace = FunctionAppFixtureNames.Workspace();
        var running = await BuildInstance.StartAsync(Http, ExternalBuild());
        await running.WaitForPhaseAsync("ready-to-build");
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
            ("GET", "/api/builds/no-such-build", null, HttpStatusCode.NotFound),
            ("GET", "/api/builds/bad%20id", null, HttpStatusCode.BadRequest),
            ("POST", "/api/builds/no-such-build/pushed", "{}", HttpStatusCode.NotFound),
            ("POST", $"/api/builds/{running.Id}/pushed", "{\"digest\":\"md5:abc\"}", HttpStatusCode.BadRequest),
            ("POST", $"/api/builds/{running.Id}/pushed", "{not json", HttpStatusCode.BadRequest),
            ("POST", $"/api/builds/{running.Id}/failed", "{}", HttpStatusCode.BadRequest),
            ("POST", $"/api/builds/{running.Id}/failed", $"{{\"reason\":\"{new string('x', 3000)}\"}}", HttpStatusCode.BadRequest),
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

        Assert.Equal("ready-to-build", BuildInstance.Phase(await running.StatusAsync()));
        Assert.Equal(before + 1, await CountInstancesAsync());
        await running.FailedAsync("test over");
    }

    [Fact]
    public async Task A_build_started_through_the_generic_api_with_a_malformed_input_fails_at_once_with_the_reason_and_is_never_ready()
    {
        using var master = MasterClient();
        using var response = await master.PostAsJsonAsync("/runtime/webhooks/durabletask/orchestrators/Build", new { workspaceId = "ws-x", appId = "api", tag = "1", registry = "managed" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var build = new BuildInstance(Http, id, new Uri(Http.BaseAddress!, $"/runtime/webhooks/durabletask/instances/{id}"));

        var ended = await build.WaitForEndAsync();

        Assert.Equal("Failed", ended.GetProperty("runtimeStatus").GetString());
        Assert.Contains("repository is required", ended.GetProperty("failure").GetString());
        Assert.Equal(JsonValueKind.Null, ended.GetProperty("phase").ValueKind);
    }

    private HttpClient MasterClient()
    {
        var client = new HttpClient { BaseAddress = Http.BaseAddress };
        client.DefaultRequestHeaders.Add("x-functions-key", BuildsAppFixture.MasterKey);
        return client;
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
