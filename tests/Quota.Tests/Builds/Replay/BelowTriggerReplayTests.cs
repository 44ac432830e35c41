using Microsoft.DurableTask.Client;
using Orbit.Functions.Builds;
using Orbit.Quota.Cleanup;
using Orbit.Registry.References;
using static Orbit.Quota.Tests.Builds.Replay.ReplayWorkspace;
using static Orbit.Quota.Tests.Cleanup.Images;

namespace Orbit.Quota.Tests.Builds.Replay;

public sealed class BelowTriggerReplayTests
{
    [Fact]
    public async Task Below_the_trigger_the_build_is_ready_with_the_plans_log_deletes_nothing_and_tracks_the_pushed_digest()
    {
        // 60 MiB of 100 used, 65 with the build's estimate: below the 80% trigger.
        var plan = Plan(Tagged(["api"], 6, (_, _) => 10 * MiB), 100 * MiB, estimatedBytes: 5 * MiB);
        Assert.Equal(nameof(CleanupOutcome.BelowTrigger), plan.Outcome);
        var scenario = new BuildScenario(plan) { Check = _ => Task.FromResult(QuotaCheck.NothingToDelete(plan)) };
        await using var host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings());

        var id = await host.StartBuildAsync(Input(estimatedBytes: 5 * MiB));
        var ready = await host.WaitForStatusAsync(id, status => status.Phase == BuildStatus.ReadyToBuild);

        Assert.Equal(new CheckQuotaRequest(Workspace, id, 5 * MiB), Assert.Single(scenario.Checks));
        Assert.Equal(["Planned with 5 MiB estimated for this build's image counted as used.", .. plan.BuildLog], ready.BuildLog);
        Assert.Contains("below the 80% cleanup trigger", string.Join("\n", ready.BuildLog));
        Assert.Equal(new CleanupTotals(nameof(CleanupOutcome.BelowTrigger), 60 * MiB, 0, 60 * MiB, 100 * MiB, 0, 0, 0, null, null), ready.Cleanup);

        var done = await host.PushedAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(new TrackBuiltImageRequest(Workspace, "api", RepositoryName.Parse("ws/api"), Tag.Parse("next"), PushedDigest), Assert.Single(scenario.Tracks));
        Assert.Equal([nameof(CheckQuotaActivity), nameof(TrackBuiltImageActivity)], scenario.Calls);
        var output = done.ReadOutputAs<BuildResult>()!;
        Assert.Equal(ready.BuildLog, output.Cleanup!.BuildLog);
        Assert.Empty(output.Cleanup.Deletions);
        Assert.Equal((60 * MiB, 0L, 60 * MiB), (output.Cleanup.UsedBytesBefore, output.Cleanup.FreedBytes, output.Cleanup.UsedBytesAfter));
        Assert.Equal(scenario.UsageAfter, output.UsageAfter);
        Assert.Equal(scenario.UsageAfter.Level, output.Level);
        Assert.Equal(PushedDigest.Value, output.Digest);
        Assert.Equal(PushedDigest.Value, output.Image!.Digest);
    }
}
