using System.Net.Http.Json;
using System.Text.Json;
using Orbit.Testing;
using Xunit.Abstractions;

namespace Orbit.Quota.Tests.Builds;

/// <summary>
/// Builds survive their host and its worker being killed (SIGKILL) over and over during cleanup and orchestration:
/// every instance completes, the accounting matches a recount from the registry, and nothing protected is gone. The
/// host comes back on its port each time, so it takes its task hub partitions back at once (its lease name is the
/// machine and the port); what the killed process had taken from the queues comes back after their visibility timeout.
/// </summary>
[Collection(BuildsAppCollection.Name)]
public sealed class BuildCrashTests(BuildsAppFixture fixture, ITestOutputHelper output)
{
    private const int Kills = 12;
    private const int MaxKills = 60;

    [Fact]
    public async Task Builds_complete_after_12_kills_of_their_host_with_no_digest_deleted_twice_usage_equal_to_a_registry_recount_and_no_protected_image_deleted()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"random seed {seed}");
        // Its own task hub and host id (so its sweeper is not the fixture app's), and builds that wait out the kills.
        var hub = new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost__extensions__durableTask__hubName"] = $"crash{Guid.NewGuid():N}"[..14],
            ["AzureFunctionsWebHost__hostid"] = TestNames.HostId("crash"),
            ["Builds__Timeout"] = "00:10:00",
            // A cleanup's first batches inline, the rest fanned out: the kills land on both.
            ["Builds__InlineCleanupBudget"] = "00:00:00.100",
        };
        var workspaces = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SeededWorkspace.CreateAsync(fixture)));

        var port = FreePort.Next();
        var app = await fixture.StartAppAsync("crash-0", port, overrides: hub);
        var builds = new List<(BuildInstance Build, SeededWorkspace Workspace, int App)>();
        var pushed = new HashSet<string>();
        var ended = new Dictionary<string, JsonElement>();
        try
        {
            // The third workspace's builds start halfway, so the kills keep landing on cleanups in progress.
            var killsWhileBuilding = 0;
            for (var kill = 1; kill <= MaxKills && killsWhileBuilding < Kills; kill++)
            {
                if (kill is 1 or 10)
                {
                    foreach (var workspace in kill == 1 ? workspaces[..2] : workspaces[2..])
                    {
                        await StartBuildsAsync(app, workspace, builds, [1, 2]);
                    }
                }
                else if (ended.Count == builds.Count)
                {
                    // Everything finished before enough kills: more builds keep the orchestrations busy, in workspaces whose
                    // cleanup is past (a workspace whose first builds have not started yet must be cleaned by them).
                    var next = 3 + (builds.Count % 7);
                    var cleaned = builds.Select(b => b.Workspace).Distinct().ToList();
                    await StartBuildsAsync(app, cleaned[random.Next(cleaned.Count)], builds, [next]);
                }

                var alive = TimeSpan.FromMilliseconds(random.Next(50, 1500));
                await DriveAsync(app, builds, pushed, ended, alive);
                await app.KillAsync();
                killsWhileBuilding += ended.Count < builds.Count ? 1 : 0;
                output.WriteLine($"kill {kill} after {alive.TotalMilliseconds} ms alive; {ended.Count} of {builds.Count} builds finished, {pushed.Count} told ImagePushed");
                await app.DisposeAsync();
                app = await fixture.StartAppAsync($"crash-{kill}", port, overrides: hub);
            }

            Assert.True(killsWhileBuilding >= Kills, $"only {killsWhileBuilding} kills landed while builds were running");

            var deadline = DateTimeOffset.UtcNow.AddMinutes(3);
            while (ended.Count < builds.Count && DateTimeOffset.UtcNow < deadline)
            {
                await DriveAsync(app, builds, pushed, ended, TimeSpan.FromSeconds(1));
            }
        }
        finally
        {
            foreach (var (build, _, _) in builds.Where(b => !ended.ContainsKey(b.Build.Id)))
            {
                output.WriteLine($"unfinished {build.Id}: {await app.Http.GetStringAsync(build.ManagementPath(query: "showHistory=true"))}");
            }

            output.WriteLine(app.Output.Length > 20_000 ? app.Output[^20_000..] : app.Output);
            await app.DisposeAsync();
        }

        Assert.True(builds.Count >= 6);
        Assert.Equal(builds.Count, ended.Count);
        Assert.All(ended.Values, status => Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString()));
        // No digest deleted twice: a deletion re-run after a kill is reported once, by the build whose plan holds it.
        var deletions = ended.Values
            .SelectMany(status => status.GetProperty("result").GetProperty("cleanup").GetProperty("deletions").EnumerateArray())
            .Select(deletion => $"{deletion.GetProperty("repository").GetString()}@{deletion.GetProperty("digest").GetString()}")
            .ToList();
        Assert.NotEmpty(deletions);
        Assert.Equal(deletions.Count, deletions.Distinct().Count());
        using var registry = new RegistryContents(fixture.Registry.Url);
        foreach (var workspace in workspaces)
        {
            // One cleanup per workspace: the build that waited for the lease found nothing left to delete.
            var deleting = builds.Where(b => b.Workspace == workspace && b.App is 1 or 2).Count(b => ended[b.Build.Id].GetProperty("result").GetProperty("cleanup").GetProperty("deletions").GetArrayLength() > 0);
            Assert.Equal(1, deleting);
            var repositories = Enumerable.Range(0, 10).Select(i => SeededWorkspace.Repository(workspace.Id, i)).ToList();
            Assert.Equal(await registry.DistinctBlobBytesAsync(repositories), (await fixture.UsageAsync(workspace.Id)).CurrentBytes);
            Assert.True(await registry.ManifestExistsAsync(SeededWorkspace.Repository(workspace.Id, 0), "latest"));
            foreach (var appImages in workspace.ByApp)
            {
                foreach (var newest in appImages.TakeLast(2))
                {
                    Assert.True(await registry.ManifestExistsAsync(newest.Repository, newest.Digest), $"{newest.Repository}:{newest.Tag}, among its app's newest two, was deleted");
                }
            }
        }
    }

    private static async Task StartBuildsAsync(FunctionHostProcess app, SeededWorkspace workspace, List<(BuildInstance Build, SeededWorkspace Workspace, int App)> builds, int[] apps)
    {
        foreach (var appIndex in apps)
        {
            var build = await Eventually.ReturnsAsync(
                async () =>
                {
                    try
                    {
                        return await BuildInstance.StartAsync(app.Http, Body(workspace, appIndex));
                    }
                    catch (HttpRequestException)
                    {
                        return null;
                    }
                },
                build => build is not null,
                TimeSpan.FromSeconds(30),
                "a build to start");
            builds.Add((build!, workspace, appIndex));
        }
    }

    /// <summary>Plays the build system for a while: pushes and reports each build that is ready, and notes the ones that ended.</summary>
    private async Task DriveAsync(FunctionHostProcess app, List<(BuildInstance Build, SeededWorkspace Workspace, int App)> builds, HashSet<string> pushed, Dictionary<string, JsonElement> ended, TimeSpan duration)
    {
        var until = DateTimeOffset.UtcNow + duration;
        do
        {
            foreach (var (build, workspace, appIndex) in builds.Where(b => !ended.ContainsKey(b.Build.Id)))
            {
                try
                {
                    var status = JsonDocument.Parse(await app.Http.GetStringAsync($"/api/builds/{build.Id}")).RootElement.Clone();
                    if (status.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated")
                    {
                        ended[build.Id] = status;
                    }
                    else if (BuildInstance.Phase(status) == "ready-to-build" && !pushed.Contains(build.Id))
                    {
                        using var pusher = fixture.Pusher();
                        var image = await pusher.PushImageAsync(SeededWorkspace.Repository(workspace.Id, appIndex), "2.0", [RegistryImagePusher.Layer(appIndex + workspace.Id.GetHashCode(), 6 * 1024)]);
                        using var raised = await app.Http.PostAsJsonAsync($"/api/builds/{build.Id}/pushed", new { digest = image.Digest });
                        if (raised.IsSuccessStatusCode)
                        {
                            pushed.Add(build.Id);
                        }
                    }
                }
                catch (HttpRequestException)
                {
                    // The host is down or restarting: try again on the next round.
                }
            }

            await Task.Delay(100);
        }
        while (DateTimeOffset.UtcNow < until);
    }

    private static object Body(SeededWorkspace workspace, int app) =>
        new { workspaceId = workspace.Id, appId = $"app{app}", repository = SeededWorkspace.Repository(workspace.Id, app), tag = "2.0", registry = "managed" };
}
