using System.Text.Json;
using Microsoft.DurableTask.Client;
using Orbit.Functions.Builds;
using Orbit.Functions.Hosting;
using Orbit.Quota.Cleanup;
using static Orbit.Quota.Tests.Builds.Replay.ReplayWorkspace;
using static Orbit.Quota.Tests.Cleanup.Images;

namespace Orbit.Quota.Tests.Builds.Replay;

/// <summary>
/// The cleanup's inline part: the check that planned deletes what it can within its budget, the fan-out the rest; and
/// the builds checked while the inline part was an activity of its own, which replay to it.
/// </summary>
public sealed class InlineCleanupReplayTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_check_that_carried_out_the_whole_plan_makes_the_build_ready_from_what_the_status_shows_and_its_output_has_the_whole_from_the_history()
    {
        // ws/api, six tags of 10 MiB with the quota full: the three oldest go to reach the 50% target.
        var plan = Plan(Tagged(["api"], 6, (_, _) => 10 * MiB), 60 * MiB, targetPercent: 50);
        var scenario = new BuildScenario(plan);
        scenario.Check = request => Task.FromResult(scenario.CleanedUpWhole(request));
        await using var host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings());

        var id = await host.StartBuildAsync(Input());

        var ready = await host.WaitForStatusAsync(id, status => status.Phase == BuildStatus.ReadyToBuild);
        Assert.Equal(new CleanupTotals(nameof(CleanupOutcome.TargetReached), 60 * MiB, 30 * MiB, 30 * MiB, 60 * MiB, 3, 3, 0, null, null), ready.Cleanup);
        Assert.StartsWith("Freed 30 MiB: deleted 3 images", ready.BuildLog[0]);
        Assert.Equal(scenario.WholeSummary(null).BuildLog, ready.BuildLog);
        // Nothing but the check before ready-to-build: it kept the history and gave the lease back itself.
        Assert.Equal([nameof(CheckQuotaActivity)], scenario.Calls);
        Assert.Equal(new CheckQuotaRequest(Workspace, id, Input().EstimatedBytes), Assert.Single(scenario.Checks));
        var done = await host.PushedAsync(id);

        // The output has every deletion and line, read back from the history while the image was tracked.
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var output = done.ReadOutputAs<BuildResult>()!.Cleanup!;
        Assert.Equal(scenario.WholeSummary(null).Deletions.Select(deletion => deletion.Digest.Value), output.Deletions.Select(deletion => deletion.Digest.Value));
        Assert.Equal(scenario.WholeSummary(null).BuildLog, output.BuildLog);
        Assert.Equal(new CleanupRecordRequest(Workspace, id), Assert.Single(scenario.ReadCleanups));
        Assert.Equal([nameof(CheckQuotaActivity), nameof(ReadCleanupActivity), nameof(TrackBuiltImageActivity)], scenario.Calls.Order());
    }

    [Fact]
    public async Task A_long_log_of_a_cleanup_the_check_carried_out_is_cut_in_the_status_and_whole_in_the_output()
    {
        // Eighty images of ws/api and a 10% target: 78 deletions, a line each, more than a status carries.
        var plan = Plan(Tagged(["api"], 80, (_, version) => (version + 1) * 1024), 3240 * 1024, targetPercent: 10);
        var scenario = new BuildScenario(plan);
        scenario.Check = request => Task.FromResult(scenario.CleanedUpWhole(request));
        await using var host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings());

        var id = await host.StartBuildAsync(Input());
        var ready = await host.WaitForStatusAsync(id, status => status.Phase == BuildStatus.ReadyToBuild);

        var whole = scenario.WholeSummary(null);
        Assert.True(whole.BuildLog.Sum(line => line.Length) > BuildStatus.MaxLogCharacters, $"the log has {whole.BuildLog.Sum(line => line.Length)} characters");
        var expected = BuildStatus.With(BuildStatus.ReadyToBuild, whole, whole.BuildLog);
        Assert.Equal((expected.Cleanup, expected.BuildLogLines), (ready.Cleanup, ready.BuildLogLines));
        Assert.Equal(expected.BuildLog, ready.BuildLog);
        Assert.StartsWith("... ", ready.BuildLog[^1]);
        Assert.Equal(whole.BuildLog, (await host.PushedAsync(id)).ReadOutputAs<BuildResult>()!.Cleanup!.BuildLog);
    }

    [Fact]
    public async Task A_cleanup_too_large_for_the_history_makes_the_build_ready_the_same_way_and_its_output_has_the_whole_from_where_it_was_kept_apart()
    {
        var plan = Plan(Tagged(["api"], 6, (_, _) => 10 * MiB), 60 * MiB, targetPercent: 50);
        var scenario = new BuildScenario(plan);
        scenario.Check = request => Task.FromResult(scenario.CleanedUpWhole(request, keptApart: true));
        await using var host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings());

        var id = await host.StartBuildAsync(Input());
        var ready = await host.WaitForStatusAsync(id, status => status.Phase == BuildStatus.ReadyToBuild);
        Assert.Equal(3, ready.Cleanup!.Deleted);
        var done = await host.PushedAsync(id);

        Assert.Equal(new CleanupRecordRequest(Workspace, id, KeptApart: true), Assert.Single(scenario.ReadCleanups));
        Assert.Equal(scenario.WholeSummary(null).Deletions.Select(deletion => deletion.Digest.Value), done.ReadOutputAs<BuildResult>()!.Cleanup!.Deletions.Select(deletion => deletion.Digest.Value));
    }

    [Theory]
    [InlineData(false, "The cleanup's record is no longer in the workspace's history, so its deletions are not in this output.")]
    [InlineData(true, "The cleanup's record is no longer kept (one too large for the history is kept for Builds:Timeout and a day), so its deletions are not in this output.")]
    public async Task A_cleanup_no_longer_kept_leaves_the_output_with_the_totals_and_a_line_saying_so(bool keptApart, string line)
    {
        var plan = Plan(Tagged(["api"], 6, (_, _) => 10 * MiB), 60 * MiB, targetPercent: 50);
        var scenario = new BuildScenario(plan) { ReadCleanup = _ => Task.FromResult<CleanupSummary?>(null) };
        scenario.Check = request => Task.FromResult(scenario.CleanedUpWhole(request, keptApart));
        await using var host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings());

        var id = await host.StartBuildAsync(Input());
        await host.WaitForStatusAsync(id, status => status.Phase == BuildStatus.ReadyToBuild);
        var done = await host.PushedAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var output = done.ReadOutputAs<BuildResult>()!.Cleanup!;
        Assert.Equal((30 * MiB, 30 * MiB, 0), (output.FreedBytes, output.UsedBytesAfter, output.Deletions.Count));
        Assert.Equal(line, output.BuildLog[^1]);
    }

    [Fact]
    public async Task A_check_whose_cleanup_the_history_could_not_keep_whole_returns_the_whole_summary_and_the_build_reads_nothing_back()
    {
        var plan = Plan(Tagged(["api"], 6, (_, _) => 10 * MiB), 60 * MiB, targetPercent: 50);
        var scenario = new BuildScenario(plan);
        scenario.Check = request => Task.FromResult(QuotaCheck.CleanedUp(new([], CleanupReport.HistoryNotWritten(scenario.WholeSummary(null), "Table storage answered 503"))));
        await using var host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings());

        var id = await host.StartBuildAsync(Input());
        var ready = await host.WaitForStatusAsync(id, status => status.Phase == BuildStatus.ReadyToBuild);
        Assert.Equal("The cleanup history could not be written: Table storage answered 503", ready.BuildLog[^1]);
        var done = await host.PushedAsync(id);

        Assert.Equal(3, done.ReadOutputAs<BuildResult>()!.Cleanup!.Deletions.Count);
        Assert.Empty(scenario.ReadCleanups);
    }

    [Fact]
    public async Task A_check_that_waited_for_another_builds_cleanup_tells_the_cleanup_it_carries_out_whom_it_waited_for()
    {
        var plan = Plan(Tagged(["api"], 6, (_, _) => 10 * MiB), 60 * MiB, targetPercent: 50);
        var scenario = new BuildScenario(plan);
        scenario.Check = request => Task.FromResult(scenario.Checks.Count < 2 ? QuotaCheck.HeldBy("build-7") : scenario.CleanedUpWhole(request));
        await using var host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings());

        var id = await host.StartBuildAsync(Input());
        var ready = await host.WaitForStatusAsync(id, status => status.Phase == BuildStatus.ReadyToBuild);

        Assert.Equal([null, "build-7"], scenario.Checks.Select(check => check.WaitedFor));
        Assert.Equal("build-7", ready.Cleanup!.WaitedFor);
    }

    [Fact]
    public async Task The_digests_the_check_left_and_those_it_failed_are_fanned_out_and_the_history_has_every_outcome_in_the_plans_order()
    {
        var plan = Plan(Tagged(["api", "web"], 6, (app, version) => (app == "api" ? 7 + version : 13 + version) * MiB), 162 * MiB, targetPercent: 60);
        var order = plan.DeletionOrder().ToList();
        Assert.Equal(6, order.Count);
        // The budget ran out after the first batch and a half: three deleted, the fourth failed, the last two never started.
        var scenario = new BuildScenario(plan)
        {
            Check = _ => Task.FromResult(QuotaCheck.Leased(plan, new CarriedOutCleanup(
                [.. order.Take(3).Select(digest => BuildScenario.Deleted(plan, digest)), DeletionOutcome.FailedFor(order[3], "registry answered 503")], null))),
        };
        await using var host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings());

        var id = await host.StartBuildAsync(Input());
        var ready = await host.WaitForStatusAsync(id, status => status.Phase == BuildStatus.ReadyToBuild);

        // The failed digest is tried again with the two left: two batches of two, nothing deleted twice.
        Assert.Equal(order.Skip(3).Select(digest => digest.Digest.Value).Order(), scenario.Deletes.SelectMany(batch => batch.Digests).Select(digest => digest.Digest.Value).Order());
        Assert.Equal(2, scenario.Deletes.Count);
        Assert.Empty(scenario.CarryOuts);
        Assert.Equal(new CleanupTotals(nameof(CleanupOutcome.TargetReached), 162 * MiB, 72 * MiB, 90 * MiB, 162 * MiB, 6, 6, 0, null, null), ready.Cleanup);
        var record = Assert.Single(scenario.Records);
        Assert.Equal(plan.Deletions.Select(planned => planned.Digest), record.Deletions.Select(deletion => deletion.Digest));
        Assert.All(record.Deletions, deletion => Assert.Equal("Deleted", deletion.Result));
        await ReplayHost.UntilAsync(() => !scenario.Releases.IsEmpty);
        Assert.Equal(new CleanupLeaseRequest(Workspace, id), Assert.Single(scenario.Releases));
    }

    [Fact]
    public async Task A_build_checked_when_the_inline_part_was_an_activity_of_its_own_replays_to_it_and_shows_it_cleaning_up()
    {
        var plan = Plan(Tagged(["api"], 6, (_, _) => 10 * MiB), 60 * MiB, targetPercent: 50);
        var carrying = new TaskCompletionSource();
        var scenario = new BuildScenario(plan) { Check = _ => Task.FromResult(CheckedWithBudget(plan)) };
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
        // The status is set when the activity is scheduled; the worker may pick the activity up a moment later.
        await ReplayHost.UntilAsync(() => !scenario.CarryOuts.IsEmpty);
        var request = Assert.Single(scenario.CarryOuts);
        Assert.Equal((Workspace, id, Budget, (string?)null), (request.WorkspaceId, request.BuildId, request.Budget, request.WaitedFor));
        // The plan as its digests, in the plan's order, and its header without them: the whole plan is in the history already.
        Assert.Equal(plan.Deletions.Select(planned => planned.Digest), request.Digests.Select(digest => digest.Digest));
        Assert.Equal((0, 0, plan.UsedBytesBefore), (request.Header.Deletions.Count, request.Header.BuildLog.Count, request.Header.UsedBytesBefore));
        Assert.Equal(plan.KeptLog, request.Header.KeptLog);
        carrying.SetResult();

        var ready = await host.WaitForStatusAsync(id, status => status.Phase == BuildStatus.ReadyToBuild);
        Assert.Equal(new CleanupTotals(nameof(CleanupOutcome.TargetReached), 60 * MiB, 30 * MiB, 30 * MiB, 60 * MiB, 3, 3, 0, null, null), ready.Cleanup);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.PushedAsync(id)).RuntimeStatus);
        Assert.Equal([nameof(CheckQuotaActivity), nameof(CarryOutCleanupActivity), nameof(TrackBuiltImageActivity)], scenario.Calls);
    }

    [Fact]
    public async Task An_inline_activity_of_its_own_that_fails_leaves_every_planned_digest_to_the_fan_out()
    {
        var plan = Plan(Tagged(["api"], 6, (_, _) => 10 * MiB), 60 * MiB, targetPercent: 50);
        var scenario = new BuildScenario(plan)
        {
            Check = _ => Task.FromResult(CheckedWithBudget(plan)),
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
    public void Quota_checks_recorded_before_the_check_carried_out_its_plan_read_with_nothing_carried_out_and_their_budget_if_any()
    {
        var plan = Plan(Tagged(["api"], 6, (_, _) => 10 * MiB), 60 * MiB, targetPercent: 50);
        var withBudget = JsonSerializer.SerializeToNode(CheckedWithBudget(plan), AppJson.Options)!.AsObject();
        withBudget.Remove("carriedOut");
        var beforeInline = withBudget.DeepClone().AsObject();
        beforeInline.Remove("inlineBudget");

        var separate = withBudget.Deserialize<QuotaCheck>(AppJson.Options)!;
        var old = beforeInline.Deserialize<QuotaCheck>(AppJson.Options)!;

        Assert.Equal((Budget, (CarriedOutCleanup?)null, true), (separate.InlineBudget, separate.CarriedOut, separate.HoldsLease));
        Assert.Equal((TimeSpan.Zero, (CarriedOutCleanup?)null, true), (old.InlineBudget, old.CarriedOut, old.HoldsLease));
        Assert.Equal(plan.Deletions.Count, old.Plan!.Deletions.Count);
    }

    [Fact]
    public void Cleanups_recorded_before_summaries_were_kept_apart_are_read_back_from_the_history()
    {
        var plan = Plan(Tagged(["api"], 6, (_, _) => 10 * MiB), 60 * MiB, targetPercent: 50);
        var recorded = JsonSerializer.SerializeToNode(RecordedCleanup.Of(new BuildScenario(plan).WholeSummary(null)), AppJson.Options)!.AsObject();
        recorded.Remove("keptApart");

        var old = recorded.Deserialize<RecordedCleanup>(AppJson.Options)!;

        Assert.Equal(new CleanupRecordRequest(Workspace, "build-1"), old.ReadBack(Workspace, "build-1"));
    }

    /// <summary>A check as recorded while the inline part was an activity of its own: the plan under the lease, and a budget for that activity.</summary>
    private static QuotaCheck CheckedWithBudget(PlannedCleanup plan) => new(plan, true, null, Budget);
}
