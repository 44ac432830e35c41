using System.Collections.Concurrent;
using Microsoft.DurableTask.Client;
using Orbit.Functions.Builds;
using Orbit.Quota.Cleanup;
using static Orbit.Quota.Tests.Builds.Replay.ReplayWorkspace;
using static Orbit.Quota.Tests.Cleanup.Images;

namespace Orbit.Quota.Tests.Builds.Replay;

public sealed class QuotaCheckReplayTests
{
    [Fact]
    public async Task A_check_that_keeps_failing_gives_a_fail_open_summary_and_gives_back_any_lease_it_took()
    {
        const string StorageError = "Table storage answered 503 Server Busy reading workspace ws";
        var scenario = new BuildScenario(Plan(Tagged(["api"], 6, (_, _) => 10 * MiB), 60 * MiB))
        {
            Check = _ => throw new InvalidOperationException(StorageError),
        };
        await using var host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings());

        var id = await host.StartBuildAsync(Input());
        var ready = await host.WaitForStatusAsync(id, status => status.Phase == BuildStatus.ReadyToBuild);

        // Tried Builds:ActivityAttempts times (the activity's retry policy), then the build goes ahead and says why.
        Assert.Equal(2, scenario.Checks.Count);
        Assert.Equal([$"Quota check failed: {StorageError}. Building anyway: quota checks fail open (set Builds:FailClosed to stop builds instead)."], ready.BuildLog);
        Assert.Equal(new CleanupTotals(CleanupSummary.FailedOutcome, 0, 0, 0, 0, 0, 0, 0, null, StorageError), ready.Cleanup);
        Assert.Empty(scenario.Deletes);
        Assert.Empty(scenario.Records);

        // The check takes the workspace's cleanup lease before it reads the records, so a read that failed may have left
        // this build holding it, and every other build of the workspace waiting until it runs out: it is given back.
        await ReplayHost.UntilAsync(() => !scenario.Releases.IsEmpty);
        Assert.Equal(new CleanupLeaseRequest(Workspace, id), Assert.Single(scenario.Releases));

        var done = await host.PushedAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(StorageError, done.ReadOutputAs<BuildResult>()!.Cleanup!.Error);
    }

    [Fact]
    public async Task With_fail_closed_a_check_that_keeps_failing_fails_the_build_which_is_never_ready_and_gives_back_any_lease_it_took()
    {
        const string StorageError = "Table storage answered 503 Server Busy reading workspace ws";
        var scenario = new BuildScenario(Plan(Tagged(["api"], 6, (_, _) => 10 * MiB), 60 * MiB))
        {
            Check = _ => throw new InvalidOperationException(StorageError),
        };
        await using var host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings(settings => settings.FailClosed = true));

        var id = await host.StartBuildAsync(Input());
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal($"The pre-build quota check or cleanup failed and Builds:FailClosed is set, so the build may not start: {StorageError}", done.FailureDetails!.ErrorMessage);
        Assert.DoesNotContain(host.Episodes.ActionsOf(id), action => action.Kind == OrchestratorAction.Status && action.Detail.Contains(BuildStatus.ReadyToBuild, StringComparison.Ordinal));
        Assert.Empty(scenario.Deletes);
        await ReplayHost.UntilAsync(() => !scenario.Releases.IsEmpty);
        Assert.Equal(new CleanupLeaseRequest(Workspace, id), Assert.Single(scenario.Releases));
    }

    [Fact]
    public async Task While_another_build_holds_the_cleanup_lease_the_status_says_so_and_the_build_checks_again_after_durable_timers()
    {
        // The other build's cleanup brings usage below the trigger, which the third check finds.
        var plan = Plan(Tagged(["api"], 6, (_, _) => 10 * MiB), 100 * MiB);
        var statusesSeen = new ConcurrentQueue<BuildStatus?>();
        ReplayHost? host = null;
        var scenario = new BuildScenario(plan);
        scenario.Check = async request =>
        {
            if (scenario.Checks.Count > 1)
            {
                statusesSeen.Enqueue(await host!.StatusAsync(request.Holder));
            }

            return scenario.Checks.Count < 3 ? QuotaCheck.HeldBy("build-7") : QuotaCheck.NothingToDelete(plan);
        };
        await using var started = host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings());

        var id = await host.StartBuildAsync(Input());
        var ready = await host.WaitForStatusAsync(id, status => status.Phase == BuildStatus.ReadyToBuild);

        Assert.Equal(3, scenario.Checks.Count);
        Assert.Equal(2, statusesSeen.Count);
        // Each check after the first says whom the build waited for, for the log of a cleanup it carries out.
        Assert.Equal([new CheckQuotaRequest(Workspace, id, 0), new CheckQuotaRequest(Workspace, id, 0, "build-7"), new CheckQuotaRequest(Workspace, id, 0, "build-7")], scenario.Checks);
        Assert.All(statusesSeen, status =>
        {
            Assert.Equal(BuildStatus.WaitingForCleanup, status!.Phase);
            Assert.Equal(["Waiting for build build-7 to finish cleaning up this workspace."], status.BuildLog);
        });

        // Durable timers between the checks, doubling from Builds:CleanupLeaseRetryInterval (50 ms here).
        var actions = host.Episodes.ActionsOf(id);
        Assert.Equal(
            ["activity CheckQuotaActivity", "timer 00:00:00.0500000", "activity CheckQuotaActivity", "timer 00:00:00.1000000", "activity CheckQuotaActivity"],
            actions.Where(action => action.Kind is OrchestratorAction.Activity or OrchestratorAction.Timer).Take(5).Select(action => $"{action.Kind} {action.Name}{action.Delay}".Trim()));

        Assert.Equal(["Waited for build build-7 to finish cleaning up this workspace, then checked usage again.", .. plan.BuildLog], ready.BuildLog);
        Assert.Equal("build-7", ready.Cleanup!.WaitedFor);
        Assert.Equal(nameof(CleanupOutcome.BelowTrigger), ready.Cleanup.Outcome);
        Assert.Empty(scenario.Deletes);
        Assert.DoesNotContain(actions, action => action.Name == nameof(ReleaseCleanupLeaseActivity));
    }
}
