using System.Net.Http.Json;
using System.Text.Json;
using Orbit.Testing;

namespace Orbit.Quota.Tests.Builds;

[Collection(BuildsAppCollection.Name)]
public sealed class BuildCleanupTests(BuildsAppFixture fixture)
{
    [Fact]
    public async Task A_build_at_85_percent_deletes_only_the_planned_digests_lands_just_under_target_names_each_deletion_and_tracks_the_pushed_image()
    {
        var workspace = await SeededWorkspace.CreateAsync(fixture);
        var before = await fixture.UsageAsync(workspace.Id);
        Assert.InRange(before.Percentage, 84.9, 85.1);

        var build = await BuildInstance.StartAsync(fixture.App.Http, new { workspaceId = workspace.Id, appId = "app0", repository = SeededWorkspace.Repository(workspace.Id, 0), tag = "2.0", registry = "managed" });
        var ready = await build.WaitForPhaseAsync("ready-to-build");

        var cleanup = ready.GetProperty("cleanup");
        var deletions = cleanup.GetProperty("deletions").EnumerateArray().ToList();
        Assert.NotEmpty(deletions);
        Assert.All(deletions, d => Assert.Equal("Deleted", d.GetProperty("result").GetString()));
        var deleted = deletions.Select(d => (Repository: d.GetProperty("repository").GetString()!, Digest: d.GetProperty("digest").GetString()!)).ToHashSet();

        // Only the planned digests are gone from the registry; every other image is still there.
        using var registry = new RegistryContents(fixture.Registry.Url);
        foreach (var image in workspace.Images)
        {
            Assert.Equal(!deleted.Contains((image.Repository, image.Digest)), await registry.ManifestExistsAsync(image.Repository, image.Digest));
        }

        // Usage lands at or below the 70 % target, and above it minus the largest single deletion: no more deleted than needed.
        var after = await fixture.UsageAsync(workspace.Id);
        var target = workspace.QuotaBytes * 70 / 100;
        var largest = deletions.Max(d => d.GetProperty("freedBytes").GetInt64());
        Assert.True(after.CurrentBytes <= target, $"usage {after.CurrentBytes} is above the target {target}");
        Assert.True(after.CurrentBytes > target - largest, $"usage {after.CurrentBytes} is at or below target {target} minus the largest deletion {largest}: the cleanup deleted more than it had to");
        Assert.Equal(after.CurrentBytes, await registry.DistinctBlobBytesAsync(workspace.ByApp.Select(g => g.Key)));

        // The build log names every deletion, with its reason, and keeps app0's latest.
        var log = ready.GetProperty("buildLog").EnumerateArray().Select(l => l.GetString()!).ToList();
        Assert.StartsWith("Freed ", log[0]);
        foreach (var deletion in deletions)
        {
            var tags = deletion.GetProperty("tags").EnumerateArray().Select(t => $"{deletion.GetProperty("repository").GetString()}:{t.GetString()}");
            Assert.Contains(log, line => line.StartsWith("deleted ", StringComparison.Ordinal) && tags.All(line.Contains) && line.Contains("newest", StringComparison.Ordinal));
        }

        Assert.True(await registry.ManifestExistsAsync(SeededWorkspace.Repository(workspace.Id, 0), "latest"));
        foreach (var (repository, digest) in deleted)
        {
            Assert.Contains(fixture.App.Output.Split('\n'), line => line.Contains($"Cleanup of workspace {workspace.Id}: deleted {repository}@{digest}", StringComparison.Ordinal));
        }

        Assert.Contains("Why: oldest beyond newest", fixture.App.Output);

        // The build pushes and says so: the image is tracked and the instance completes with the usage after it.
        using var pusher = fixture.Pusher();
        var pushed = await pusher.PushImageAsync(SeededWorkspace.Repository(workspace.Id, 0), "2.0", [RegistryImagePusher.Layer(Random.Shared.Next(), 8 * 1024)]);
        await build.PushedAsync(pushed.Digest);
        var done = await build.WaitForEndAsync();
        Assert.Equal("Completed", done.GetProperty("runtimeStatus").GetString());
        var output = done.GetProperty("result");
        Assert.Equal(pushed.Digest, output.GetProperty("image").GetProperty("digest").GetString());
        Assert.Equal("2.0", output.GetProperty("image").GetProperty("tag").GetString());
        Assert.Equal((await fixture.UsageAsync(workspace.Id)).CurrentBytes, output.GetProperty("usageAfter").GetProperty("currentBytes").GetInt64());
        Assert.Equal(deletions.Count, output.GetProperty("cleanup").GetProperty("deletions").GetArrayLength());
    }

    [Fact]
    public async Task The_cleanup_preview_returns_the_plan_a_build_would_carry_out_and_deletes_nothing()
    {
        var workspace = await SeededWorkspace.CreateAsync(fixture, apps: 4, tags: 6);
        var rowsBefore = await fixture.RecountAsync(workspace.Id);

        using var response = await fixture.App.Http.PostAsync($"/api/internal/workspaces/{workspace.Id}/cleanup-preview", null);
        response.EnsureSuccessStatusCode();
        var plan = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("TargetReached", plan.GetProperty("outcome").GetString());
        Assert.NotEmpty(plan.GetProperty("deletions").EnumerateArray());
        Assert.True(plan.GetProperty("projectedBytesAfter").GetInt64() <= plan.GetProperty("targetBytes").GetInt64());
        Assert.Contains(plan.GetProperty("kept").EnumerateArray(), kept => kept.GetProperty("tags").EnumerateArray().Any(t => t.GetString() == "latest"));
        Assert.Equal(rowsBefore, await fixture.RecountAsync(workspace.Id));
        using var registry = new RegistryContents(fixture.Registry.Url);
        foreach (var image in workspace.Images)
        {
            Assert.True(await registry.ManifestExistsAsync(image.Repository, image.Digest));
        }
    }

    [Fact]
    public async Task The_preview_and_the_build_log_list_every_image_kept_and_why()
    {
        var workspace = await SeededWorkspace.CreateAsync(fixture, apps: 3, tags: 6);

        using var response = await fixture.App.Http.PostAsync($"/api/internal/workspaces/{workspace.Id}/cleanup-preview", null);
        response.EnsureSuccessStatusCode();
        var plan = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        // Every manifest is either planned or kept with a reason (app0's 1.1 and latest share one).
        var deleted = plan.GetProperty("deletions").EnumerateArray().Select(d => d.GetProperty("digest").GetString()!).ToList();
        var kept = plan.GetProperty("kept").EnumerateArray().ToList();
        Assert.Equal(workspace.Images.Select(image => image.Digest).Order(), deleted.Concat(kept.Select(k => k.GetProperty("digest").GetString()!)).Order());
        foreach (var app in workspace.ByApp)
        {
            foreach (var newest in app.TakeLast(3))
            {
                var entry = Assert.Single(kept, k => k.GetProperty("digest").GetString() == newest.Digest);
                Assert.Equal(("WithinNewest", $"within the newest 3 of app {app.Key.Split('/')[^1]}"), (entry.GetProperty("reason").GetString(), entry.GetProperty("explanation").GetString()));
            }
        }

        var latest = Assert.Single(kept, k => k.GetProperty("tags").EnumerateArray().Any(t => t.GetString() == "latest"));
        Assert.Equal("CarriesLatest", latest.GetProperty("reason").GetString());
        var log = plan.GetProperty("buildLog").EnumerateArray().Select(l => l.GetString()!).ToList();
        Assert.Contains(log, line => line.StartsWith("kept ", StringComparison.Ordinal) && line.Contains(":latest", StringComparison.Ordinal) && line.EndsWith("carries latest, which is never deleted", StringComparison.Ordinal));
        Assert.Contains(log, line => line.StartsWith("kept ", StringComparison.Ordinal) && line.EndsWith("within the newest 3 of app app2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_build_below_the_trigger_is_ready_at_once_without_deleting_and_BuildFailed_fails_it_with_the_reason()
    {
        var workspace = await SeededWorkspace.CreateAsync(fixture, apps: 2, tags: 4, percent: 50);

        var build = await BuildInstance.StartAsync(fixture.App.Http, new { workspaceId = workspace.Id, appId = "app1", repository = SeededWorkspace.Repository(workspace.Id, 1), tag = "9.9", registry = "managed" });
        var ready = await build.WaitForPhaseAsync("ready-to-build");

        var log = ready.GetProperty("buildLog").EnumerateArray().Select(l => l.GetString()!).ToList();
        Assert.Contains("below the 80% cleanup trigger: nothing deleted", Assert.Single(log));
        Assert.Equal(workspace.UsedBytes, (await fixture.UsageAsync(workspace.Id)).CurrentBytes);

        await build.FailedAsync("compiler error in main.go");
        var done = await build.WaitForEndAsync();
        Assert.Equal("Failed", done.GetProperty("runtimeStatus").GetString());
        Assert.Contains("compiler error in main.go", done.GetProperty("failure").GetString());
    }

    [Fact]
    public async Task An_external_registry_build_skips_the_quota_check_and_a_silent_build_system_times_it_out()
    {
        var build = await BuildInstance.StartAsync(fixture.App.Http, new { workspaceId = "ws-elsewhere", appId = "api", repository = "someone/else/api", tag = "1.0", registry = "external" });
        var ready = await build.WaitForPhaseAsync("ready-to-build");
        Assert.Contains("no quota check", ready.GetProperty("buildLog")[0].GetString());

        var done = await build.WaitForEndAsync();
        Assert.Equal("Failed", done.GetProperty("runtimeStatus").GetString());
        Assert.Contains("Builds:Timeout", done.GetProperty("failure").GetString());
        var ended = done.GetProperty("lastUpdatedTime").GetDateTimeOffset() - done.GetProperty("createdTime").GetDateTimeOffset();
        Assert.InRange(ended.TotalSeconds, BuildsAppFixture.BuildTimeoutSeconds - 1, BuildsAppFixture.BuildTimeoutSeconds + 30);
    }

    [Fact]
    public async Task Two_builds_started_together_in_one_workspace_never_both_delete()
    {
        var workspace = await SeededWorkspace.CreateAsync(fixture);
        var starts = new[] { 1, 2 }.Select(app => BuildInstance.StartAsync(fixture.App.Http, new { workspaceId = workspace.Id, appId = $"app{app}", repository = SeededWorkspace.Repository(workspace.Id, app), tag = "2.0", registry = "managed" }));
        var builds = await Task.WhenAll(starts);

        var ready = await Task.WhenAll(builds.Select(b => b.WaitForPhaseAsync("ready-to-build")));

        var deletionCounts = ready.Select(r => r.GetProperty("cleanup").GetProperty("deletions").GetArrayLength()).ToList();
        Assert.Contains(0, deletionCounts);
        var all = ready.SelectMany(r => r.GetProperty("cleanup").GetProperty("deletions").EnumerateArray()).ToList();
        var after = await fixture.UsageAsync(workspace.Id);
        var target = workspace.QuotaBytes * 70 / 100;
        Assert.True(after.CurrentBytes <= target);
        Assert.True(after.CurrentBytes > target - all.Max(d => d.GetProperty("freedBytes").GetInt64()), "the two builds together deleted more than one cleanup needed");
        var waited = ready.Single(r => r.GetProperty("cleanup").GetProperty("deletions").GetArrayLength() == 0);
        Assert.Contains(waited.GetProperty("buildLog").EnumerateArray(), line => line.GetString()!.Contains("already at or below", StringComparison.Ordinal) || line.GetString()!.StartsWith("Waited for build", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task When_the_registry_is_down_the_build_goes_ahead_and_says_so_unless_Builds_FailClosed_is_set(bool failClosed)
    {
        var workspace = await SeededWorkspace.CreateAsync(fixture, apps: 3, tags: 6);
        await using var app = await fixture.StartAppAsync($"registry-down-{failClosed}", overrides: new Dictionary<string, string?>
        {
            ["Registry__Url"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Registry__MaxRetryAttempts"] = "1",
            ["Registry__RetryDelay"] = "00:00:00.050",
            ["Builds__ActivityAttempts"] = "1",
            ["Builds__FailClosed"] = failClosed ? "true" : "false",
            ["AzureFunctionsJobHost__extensions__durableTask__hubName"] = $"down{Guid.NewGuid():N}"[..12],
            ["AzureFunctionsWebHost__hostid"] = TestNames.HostId("down"),
        });

        var build = await BuildInstance.StartAsync(app.Http, new { workspaceId = workspace.Id, appId = "app1", repository = SeededWorkspace.Repository(workspace.Id, 1), tag = "2.0", registry = "managed" });

        if (failClosed)
        {
            var failed = await build.WaitForEndAsync();
            Assert.Equal("Failed", failed.GetProperty("runtimeStatus").GetString());
            Assert.Contains("Builds:FailClosed", failed.GetProperty("failure").GetString());
        }
        else
        {
            var ready = await build.WaitForPhaseAsync("ready-to-build");
            var log = ready.GetProperty("buildLog").EnumerateArray().Select(l => l.GetString()!).ToList();
            Assert.Contains(log, line => line.StartsWith("could not delete ", StringComparison.Ordinal));
            Assert.Contains(log, line => line.Contains("Building anyway", StringComparison.Ordinal));
            await build.FailedAsync("test over");
        }

        Assert.Equal(workspace.UsedBytes, (await fixture.UsageAsync(workspace.Id)).CurrentBytes);
    }

    /// <param name="inlineBudget">None, the default: the check that planned deletes it all; zero: every batch fanned out as a work item of its own.</param>
    [Theory]
    [InlineData(null)]
    [InlineData("00:00:00")]
    public async Task A_plan_of_over_a_hundred_deletions_too_large_for_a_queue_message_is_carried_out_whole(string? inlineBudget)
    {
        await using var own = inlineBudget is null ? null : await fixture.StartAppAsync("fan-out-only", overrides: new Dictionary<string, string?>
        {
            ["Builds__InlineCleanupBudget"] = inlineBudget,
            ["AzureFunctionsJobHost__extensions__durableTask__hubName"] = $"fanout{Guid.NewGuid():N}"[..14],
            ["AzureFunctionsWebHost__hostid"] = TestNames.HostId("fanout"),
        });
        var app = own ?? fixture.App;
        var workspace = await SeededWorkspace.CreateAsync(fixture, apps: 10, tags: 13);
        using (var request = new HttpRequestMessage(HttpMethod.Put, $"/api/internal/workspaces/{workspace.Id}/quota")
        {
            Content = JsonContent.Create(new { quotaBytes = workspace.QuotaBytes, warnPercent = 1, triggerPercent = 2, targetPercent = 1, criticalPercent = 2 }),
        })
        {
            request.Headers.Add("x-functions-key", BuildsAppFixture.MasterKey);
            using var response = await fixture.App.Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }

        var build = await BuildInstance.StartAsync(app.Http, new { workspaceId = workspace.Id, appId = "app1", repository = SeededWorkspace.Repository(workspace.Id, 1), tag = "2.0", registry = "managed" });
        var ready = await build.WaitForPhaseAsync("ready-to-build");

        var deletions = ready.GetProperty("cleanup").GetProperty("deletions").EnumerateArray().ToList();
        Assert.Equal((10 * (13 - 2)) - 1, deletions.Count);
        // Which path carried it out: the check alone, or the batches' work items and the history's own activity after it.
        var history = await app.Http.GetStringAsync(build.ManagementPath(query: "showHistory=true"));
        var fannedOut = inlineBudget is not null;
        Assert.Equal((false, fannedOut, fannedOut), (
            history.Contains("CarryOutCleanupActivity", StringComparison.Ordinal),
            history.Contains("DeleteImageDigestsActivity", StringComparison.Ordinal),
            history.Contains("RecordCleanupActivity", StringComparison.Ordinal)));
        Assert.All(deletions, d => Assert.Equal("Deleted", d.GetProperty("result").GetString()));
        using var registry = new RegistryContents(fixture.Registry.Url);
        Assert.Equal(await registry.DistinctBlobBytesAsync(workspace.ByApp.Select(g => g.Key)), (await fixture.UsageAsync(workspace.Id)).CurrentBytes);
        await build.FailedAsync("test over");
    }
}
