using System.Text.Json;
using Microsoft.DurableTask.Client;
using Orbit.Functions.Builds;
using Orbit.Functions.Hosting;
using Orbit.Quota.Cleanup;
using static Orbit.Quota.Tests.Builds.Replay.ReplayWorkspace;
using static Orbit.Quota.Tests.Cleanup.Images;

namespace Orbit.Quota.Tests.Builds.Replay;

/// <summary>The cleanup's inline part: the instance that planned deletes what it can within the check's budget, the fan-out the rest.</summary>
public sealed class InlineCleanupReplayTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_plan_carried_out_whole_inline_makes_the_build_ready_with_its_summary_and_no_batch_record_or_release_of_the_orchestrators_own()
    {
        // ws/api, six tags of 10 MiB with the quota full: the three oldest go to reach the 50% target.
        var plan = Plan(Tagged(["api"], 6, (_, _) => 10 * MiB), 60 * MiB, targetPercent: 50);
        var carrying = new TaskCompletionSource();
        var scenario = new BuildScenario(plan) { Check = _ => Task.FromResult(QuotaCheck.Leased(plan, Budget)) };
        scenario.CarryOut = async request =>
        {
            await carrying.Task;
            return scenario.CarriedOutWhole(request);
        };
        await using var host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings());

        var id = await host.StartBuildAsync(Input());

        // While the instance deletes, the status says what it is deleting (three images in two batches of two).
        var cleaning = await host.WaitForStatusAsync(id, status => status.Phase == BuildStatus.CleaningUp);
        Assert.Equal(new CleanupProgress(3, 0, 0, 0, 2, 0), cleaning.Progress);
        var request = Assert.Single(scenario.CarryOuts);
        Assert.Equal((Workspace, id, Budget, (string?)null), (request.WorkspaceId, request.BuildId, request.Budget, request.WaitedFor));
        // The plan as its digests, in the plan's order, and its header without them: the whole plan is in the history already.
        Assert.Equal(plan.Deletions.Select(planned => planned.Digest), request.Digests.Select(digest => digest.Digest));
        Assert.Equal((0, 0, plan.UsedBytesBefore), (request.Header.Deletions.Count, request.Header.BuildLog.Count, request.Header.UsedBytesBefore));
        Assert.Equal(plan.KeptLog, request.Header.KeptLog);
        carrying.SetResult();

        var ready = await host.WaitForStatusAsync(id, status => status.Phase == BuildStatus.ReadyToBuild);
        Assert.Equal(new CleanupTotals(nameof(CleanupOutcome.TargetReached), 60 * MiB, 30 * MiB, 30 * MiB, 60 * MiB, 3, 3, 0, null, null), ready.Cleanup);
        Assert.StartsWith("Freed 30 MiB: deleted 3 images", ready.BuildLog[0]);
        await host.Client.RaiseEventAsync(id, BuildOrchestrator.ImagePushedEvent, new ImagePushed(PushedDigest));
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(plan.Deletions.Select(planned => planned.Digest), done.ReadOutputAs<BuildResult>()!.Cleanup!.Deletions.Select(deletion => deletion.Digest));
        // The activity kept the history and gave the lease back itself: one hand-over from the plan to ready-to-build.
        Assert.Equal([nameof(CheckQuotaActivity), nameof(CarryOutCleanupActivity), nameof(TrackBuiltImageActivity)], scenario.Calls);
    }

    [Fact]
    public async Task The_digests_the_inline_part_left_and_those_it_failed_are_fanned_out_and_the_history_has_every_outcome_in_the_plans_order()
    {
        var plan = Plan(Tagged(["api", "web"], 6, (app, version) => (app == "api" ? 7 + version : 13 + version) * MiB), 162 * MiB, targetPercent: 60);
        var order = plan.DeletionOrder().ToList();
        Assert.Equal(6, order.Count);
        var scenario = new BuildScenario(plan) { Check = _ => Task.FromResult(QuotaCheck.Leased(plan, Budget)) };
        // The budget ran out after the first batch and a half: three deleted, the fourth failed, the last two never started.
        scenario.CarryOut = request => Task.FromResult(new CarriedOutCleanup(
            [.. order.Take(3).Select(digest => BuildScenario.Deleted(plan, digest)), DeletionOutcome.FailedFor(order[3], "registry answered 503")], null));
        await using var host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings());

        var id = await host.StartBuildAsync(Input());
        var ready = await host.WaitForStatusAsync(id, status => status.Phase == BuildStatus.ReadyToBuild);

        // The failed digest is tried again with the two left: two batches of two, nothing deleted twice.
        Assert.Equal(order.Skip(3).Select(digest => digest.Digest.Value).Order(), scenario.Deletes.SelectMany(batch => batch.Digests).Select(digest => digest.Digest.Value).Order());
        Assert.Equal(2, scenario.Deletes.Count);
        Assert.Equal(new CleanupTotals(nameof(CleanupOutcome.TargetReached), 162 * MiB, 72 * MiB, 90 * MiB, 162 * MiB, 6, 6, 0, null, null), ready.Cleanup);
        var record = Assert.Single(scenario.Records);
        Assert.Equal(plan.Deletions.Select(planned => planned.Digest), record.Deletions.Select(deletion => deletion.Digest));
        Assert.All(record.Deletions, deletion => Assert.Equal("Deleted", deletion.Result));
        await ReplayHost.UntilAsync(() => !scenario.Releases.IsEmpty);
        Assert.Equal(new CleanupLeaseRequest(Workspace, id), Assert.Single(scenario.Releases));
    }

    [Fact]
    public async Task An_inline_part_that_fails_leaves_every_planned_digest_to_the_fan_out()
    {
        var plan = Plan(Tagged(["api"], 6, (_, _) => 10 * MiB), 60 * MiB, targetPercent: 50);
        var scenario = new BuildScenario(plan)
        {
            Check = _ => Task.FromResult(QuotaCheck.Leased(plan, Budget)),
            CarryOut = _ => throw new InvalidOperationException("Table storage answered 503 reading the records"),
        };
        await using var host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings());

        var id = await host.StartBuildAsync(Input());
        var ready = await host.WaitForStatusAsync(id, status => status.Phase == BuildStatus.ReadyToBuild);

        // Tried Builds:ActivityAttempts times, then the batches did the work.
        Assert.Equal(2, scenario.CarryOuts.Count);
        Assert.Equal(plan.Deletions.Select(planned => planned.Digest.Value).Order(), scenario.Deletes.SelectMany(batch => batch.Digests).Select(digest => digest.Digest.Value).Order());
        Assert.Equal(3, ready.Cleanup!.Deleted);
        Assert.Single(scenario.Records);
    }

    [Fact]
    public void A_quota_check_recorded_before_the_inline_part_existed_reads_with_no_budget_so_its_build_replays_to_the_fan_out()
    {
        var plan = Plan(Tagged(["api"], 6, (_, _) => 10 * MiB), 60 * MiB, targetPercent: 50);
        var json = JsonSerializer.SerializeToNode(QuotaCheck.Leased(plan, Budget), AppJson.Options)!.AsObject();
        json.Remove("inlineBudget");

        var old = json.Deserialize<QuotaCheck>(AppJson.Options)!;

        Assert.Equal(TimeSpan.Zero, old.InlineBudget);
        Assert.True(old.HoldsLease);
        Assert.Equal(plan.Deletions.Count, old.Plan!.Deletions.Count);
    }
}
