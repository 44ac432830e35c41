using System.Net;
using Orbit.Testing;

namespace Orbit.Quota.Tests.Integration;

[Collection(ReconcileAppCollection.Name)]
public sealed class ReconcileTests(ReconcileAppFixture fixture)
{
    [Fact]
    public async Task The_reconcile_timer_fixes_drift_in_both_directions_and_logs_why()
    {
        var workspace = FunctionAppFixture.NewWorkspace();
        await fixture.CreateWorkspaceAsync(workspace, 1_000_000);
        using var pusher = fixture.Pusher();
        var tracked = await pusher.PushImageAsync($"{workspace}/drift", "1.0", [RegistryImagePusher.Layer(8100, 3_000)]);
        // The timer runs every 2 s, so it may track the push before the test does; then tracking answers 200 instead of 201.
        Assert.Contains((await fixture.TrackAsync(workspace, "drift", tracked.Repository, "1.0")).StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.OK });

        // Behind the app's back: one tracked image deleted, one image pushed that nobody tracked.
        using var registry = new HttpClient { BaseAddress = fixture.Registry.Url };
        Assert.Equal(HttpStatusCode.Accepted, (await registry.DeleteAsync($"v2/{tracked.Repository}/manifests/{tracked.Digest}")).StatusCode);
        var untracked = await pusher.PushImageAsync($"{workspace}/drift", "2.0", [RegistryImagePusher.Layer(8101, 4_000)]);

        var usage = await Eventually.ReturnsAsync(
            () => fixture.UsageAsync(workspace), u => u.ImageCount == 1 && u.CurrentBytes == untracked.SizeBytes, TimeSpan.FromSeconds(20), "the reconcile timer to fix both");
        Assert.Equal((usage.CurrentBytes, 1), await fixture.RecountAsync(workspace));

        // The app's output reaches the test through a pipe, so a line logged just after the commit may still be on its way.
        var trackedLine = $"Reconcile: tracked {untracked.Repository}:2.0";
        bool ExplainsBoth(string log) => log.Contains("Reconcile: untracked 1.0", StringComparison.Ordinal) && log.Contains(trackedLine, StringComparison.Ordinal);
        await Eventually.ReturnsAsync(() => Task.FromResult(fixture.App.Output), ExplainsBoth, TimeSpan.FromSeconds(10),
            $"the app's log to explain both fixes ('Reconcile: untracked 1.0' and '{trackedLine}')");
    }
}
