using Microsoft.DurableTask.Client;
using Orbit.Functions.Builds;
using Orbit.Quota.Cleanup;
using static Orbit.Quota.Tests.Builds.Replay.ReplayWorkspace;
using static Orbit.Quota.Tests.Cleanup.Images;

namespace Orbit.Quota.Tests.Builds.Replay;

public sealed class DeletionRetryReplayTests
{
    private const string RegistryError = "the registry answered 500 Internal Server Error to DELETE /v2/ws/api/manifests/sha256:…";

    [Fact]
    public async Task A_digest_that_keeps_failing_is_retried_after_durable_timers_then_reported_failed_and_the_build_goes_ahead()
    {
        var (plan, failing) = PlanWithOneStubbornDigest();
        var scenario = Failing(plan, failing);
        await using var host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings(settings => settings.ActivityAttempts = 3));

        var id = await host.StartBuildAsync(Input());
        var ready = await host.WaitForStatusAsync(id, status => status.Phase == BuildStatus.ReadyToBuild);

        // The first batch asked for v1 and v2, the second for v3; then v2 alone, twice, each after a durable timer (1 s, then 2 s).
        Assert.Equal([["v1", "v2"], ["v2"], ["v2"]], scenario.Deletes.Where(request => request.Digests[0].Tags[0].Value != "v3").Select(Tags));
        Assert.Equal(["v3"], Tags(Assert.Single(scenario.Deletes, request => request.Digests[0].Tags[0].Value == "v3")));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], RetryWaits(host.Episodes.ActionsOf(id)));

        Assert.Equal(new CleanupTotals(nameof(CleanupOutcome.TargetReached), 60 * MiB, 20 * MiB, 40 * MiB, 60 * MiB, 3, 2, 1, null, $"1 of 3 deletions failed: ws/api:v2 ({CleanupLogLines.ShortDigest(failing.Digest.Value)}): {RegistryError}"), ready.Cleanup);
        Assert.Contains(ready.BuildLog, line => line.StartsWith("could not delete ws/api:v2 (", StringComparison.Ordinal) && line.EndsWith(RegistryError, StringComparison.Ordinal));
        Assert.Equal("1 of 3 deletions failed. Building anyway: quota checks fail open (set Builds:FailClosed to stop builds instead).", ready.BuildLog[^1]);

        var done = await host.PushedAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var cleanup = done.ReadOutputAs<BuildResult>()!.Cleanup!;
        Assert.Equal(["Deleted", DeletionOutcome.Failed, "Deleted"], cleanup.Deletions.Select(deletion => deletion.Result));
        Assert.Equal(RegistryError, cleanup.Deletions[1].Detail);
        Assert.Equal(cleanup.BuildLog, Assert.Single(scenario.Records).BuildLog);
        await ReplayHost.UntilAsync(() => !scenario.Releases.IsEmpty);
        Assert.Equal(new CleanupLeaseRequest(Workspace, id), Assert.Single(scenario.Releases));
    }

    [Fact]
    public async Task With_fail_closed_a_digest_that_keeps_failing_fails_the_build_which_is_never_ready_and_its_history_says_it_did_not_build()
    {
        var (plan, failing) = PlanWithOneStubbornDigest();
        var scenario = Failing(plan, failing);
        await using var host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings(settings => settings.FailClosed = true));

        var id = await host.StartBuildAsync(Input());
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        var message = done.FailureDetails!.ErrorMessage;
        Assert.Contains("Builds:FailClosed", message);
        Assert.EndsWith($": 1 of 3 deletions failed: ws/api:v2 ({CleanupLogLines.ShortDigest(failing.Digest.Value)}): {RegistryError}", message);
        Assert.Equal(2, scenario.Deletes.Count(request => request.Digests.Any(digest => digest.Digest == failing.Digest)));
        Assert.DoesNotContain(host.Episodes.ActionsOf(id), action => action.Kind == OrchestratorAction.Status && action.Detail.Contains(BuildStatus.ReadyToBuild, StringComparison.Ordinal));
        Assert.Empty(scenario.Tracks);

        // What was deleted is in the history, whose log says the build stopped, not that it went ahead; the lease is given back.
        var record = Assert.Single(scenario.Records);
        Assert.Equal(["Deleted", DeletionOutcome.Failed, "Deleted"], record.Deletions.Select(deletion => deletion.Result));
        Assert.Contains(record.BuildLog, line => line.StartsWith("could not delete ws/api:v2 (", StringComparison.Ordinal) && line.EndsWith(RegistryError, StringComparison.Ordinal));
        Assert.Equal("1 of 3 deletions failed. Not building: Builds:FailClosed is set.", record.BuildLog[^1]);
        Assert.DoesNotContain(record.BuildLog, line => line.Contains("Building anyway", StringComparison.Ordinal));
        await ReplayHost.UntilAsync(() => !scenario.Releases.IsEmpty);
        Assert.Equal(new CleanupLeaseRequest(Workspace, id), Assert.Single(scenario.Releases));
    }

    [Fact]
    public async Task A_batch_whose_activity_keeps_failing_reports_each_of_its_digests_failed_with_the_error_and_the_other_batch_stands()
    {
        const string WorkerError = "The activity's worker lost its connection to storage";
        var (plan, failing) = PlanWithOneStubbornDigest();
        var scenario = new BuildScenario(plan)
        {
            Delete = request => request.Digests.Any(digest => digest.Digest == failing.Digest)
                ? throw new InvalidOperationException(WorkerError)
                : Task.FromResult(BuildScenario.DeletedAsPlanned(plan, request)),
        };
        await using var host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings());

        var id = await host.StartBuildAsync(Input());
        var ready = await host.WaitForStatusAsync(id, status => status.Phase == BuildStatus.ReadyToBuild);

        // The batch of v1 and v2 tried Builds:ActivityAttempts times (the activity's retry policy), v3's once.
        Assert.Equal([["v1", "v2"], ["v1", "v2"], ["v3"]], scenario.Deletes.Select(Tags).OrderBy(tags => tags[0], StringComparer.Ordinal));
        Assert.Equal(new CleanupTotals(nameof(CleanupOutcome.TargetReached), 60 * MiB, 10 * MiB, 50 * MiB, 60 * MiB, 3, 1, 2, null, $"2 of 3 deletions failed: {string.Join("; ", plan.Deletions.Take(2).Select(planned => $"ws/api:{planned.Tags[0].Value} ({CleanupLogLines.ShortDigest(planned.Digest.Value)}): {WorkerError}"))}"), ready.Cleanup);
        Assert.Equal(2, ready.BuildLog.Count(line => line.StartsWith("could not delete ws/api:v", StringComparison.Ordinal) && line.EndsWith(WorkerError, StringComparison.Ordinal)));

        var cleanup = (await host.PushedAsync(id)).ReadOutputAs<BuildResult>()!.Cleanup!;
        Assert.Equal([DeletionOutcome.Failed, DeletionOutcome.Failed, "Deleted"], cleanup.Deletions.Select(deletion => deletion.Result));
        Assert.Equal([WorkerError, WorkerError], cleanup.Deletions.Take(2).Select(deletion => deletion.Detail));
    }

    /// <summary>ws/api with six 10 MiB tags and a 60 MiB quota: the plan deletes v1, v2 and v3 (to the 50% target); v2 is the one the registry will not delete.</summary>
    private static (PlannedCleanup Plan, PlannedDigest Failing) PlanWithOneStubbornDigest()
    {
        var plan = Plan(Tagged(["api"], 6, (_, _) => 10 * MiB), 60 * MiB, targetPercent: 50);
        Assert.Equal(["v1", "v2", "v3"], plan.Deletions.Select(planned => planned.Tags[0].Value));
        return (plan, plan.Deletions[1]);
    }

    private static BuildScenario Failing(PlannedCleanup plan, PlannedDigest failing) => new(plan)
    {
        Delete = request => Task.FromResult<IReadOnlyList<DeletionOutcome>>(
        [
            .. request.Digests.Select(digest => digest.Digest == failing.Digest
                ? new DeletionOutcome(digest.Repository, digest.Digest, digest.Tags, DeletionOutcome.Failed, 0, RegistryError, digest.Reason)
                : BuildScenario.Deleted(plan, digest)),
        ]),
    };

    private static string[] Tags(DeleteDigestsRequest request) => [.. request.Digests.Select(digest => digest.Tags[0].Value)];

    /// <summary>The durable timers the orchestrator waited on before ready-to-build: here, only those before a delete asked for again.</summary>
    private static IEnumerable<TimeSpan> RetryWaits(IReadOnlyList<OrchestratorAction> actions) =>
        actions.TakeWhile(action => !(action.Kind == OrchestratorAction.Status && action.Detail.Contains(BuildStatus.ReadyToBuild, StringComparison.Ordinal)))
            .Where(action => action.Kind == OrchestratorAction.Timer)
            .Select(action => action.Delay!.Value);
}
