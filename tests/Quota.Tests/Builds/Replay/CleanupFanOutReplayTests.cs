using System.Text;
using Microsoft.DurableTask.Client;
using Orbit.Functions.Builds;
using Orbit.Quota.Cleanup;
using Orbit.Registry.References;
using static Orbit.Quota.Tests.Builds.Replay.ReplayWorkspace;
using static Orbit.Quota.Tests.Cleanup.Images;

namespace Orbit.Quota.Tests.Builds.Replay;

public sealed class CleanupFanOutReplayTests
{
    /// <summary>What Durable Functions lets a custom status take: 16 KB of UTF-16 JSON.</summary>
    private const int MaxStatusBytes = 16 * 1024;

    [Fact]
    public async Task Above_the_trigger_batches_run_at_once_progress_counts_them_as_they_finish_and_the_history_is_written_before_ready_to_build()
    {
        // ws/api and ws/web, six tags each (api 8..13 MiB, web 14..19 MiB), pushed in turn: 162 MiB of 162. To reach the
        // 60% target the plan deletes the three oldest of each app, oldest first, so its order alternates between the two
        // repositories, while the batches (two deletions each) group them by repository.
        var plan = Plan(Tagged(["api", "web"], 6, (app, version) => (app == "api" ? 7 + version : 13 + version) * MiB), 162 * MiB, targetPercent: 60);
        Assert.Equal(["ws/api:v1", "ws/web:v1", "ws/api:v2", "ws/web:v2", "ws/api:v3", "ws/web:v3"], plan.Deletions.Select(Name));
        var byName = plan.Deletions.ToDictionary(Name);
        string[][] batches = [["ws/api:v1", "ws/api:v2"], ["ws/api:v3", "ws/web:v1"], ["ws/web:v2", "ws/web:v3"]];
        var gates = batches.ToDictionary(batch => byName[batch[0]].Digest, _ => new TaskCompletionSource());
        var recording = new TaskCompletionSource();
        var releasing = new TaskCompletionSource();
        var scenario = new BuildScenario(plan);
        scenario.Delete = async request =>
        {
            await gates[request.Digests[0].Digest].Task;
            return BuildScenario.DeletedAsPlanned(plan, request);
        };
        scenario.Record = _ => recording.Task;
        scenario.Release = _ => releasing.Task;
        await using var host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings());
        var startedAt = DateTimeOffset.UtcNow;

        var id = await host.StartBuildAsync(Input());

        // All three asked for in one episode, before any of them finished (the engine then runs as many at once as it has
        // room for: two here on two cores, so the test holds at least two of them open together).
        await ReplayHost.UntilAsync(() => scenario.Deletes.Count >= 2);
        var fanOut = host.Episodes.Of(id).First(episode => episode.Actions.Any(IsDelete));
        Assert.Equal(3, fanOut.Actions.Count(IsDelete));
        var cleaning = await host.WaitForStatusAsync(id, status => status.Phase == BuildStatus.CleaningUp);
        Assert.Equal(new CleanupProgress(6, 0, 0, 0, 3, 0), cleaning.Progress);
        Assert.Equal("Deleted 0 of 6 so far (0 of 3 batches done), 0 B freed.", cleaning.BuildLog[1]);

        // The batches finish in another order than they were asked for (the first asked finishes last); the status counts
        // what is done, in images and in the bytes freed so far.
        var freed = 0L;
        for (var finished = 1; finished <= 3; finished++)
        {
            var count = finished;
            await ReplayHost.UntilAsync(() => scenario.Deletes.Count >= Math.Min(3, count + 1));
            var batch = finished < 3
                ? batches.Skip(1).First(candidate => scenario.Deletes.Any(request => request.Digests[0].Digest == byName[candidate[0]].Digest) && !gates[byName[candidate[0]].Digest].Task.IsCompleted)
                : batches[0];
            gates[byName[batch[0]].Digest].SetResult();
            freed += batch.Sum(name => byName[name].FreedBytes);
            var progress = await host.WaitForStatusAsync(id, status => status.Progress?.BatchesFinished == count);
            Assert.Equal(new CleanupProgress(6, 2 * count, 2 * count, freed, 3, count), progress.Progress);
            Assert.Equal($"Deleted {2 * count} of 6 so far ({count} of 3 batches done), {freed / MiB} MiB freed.", progress.BuildLog[1]);
        }

        // Every batch with the plan's digests, tags, reasons and the time its read began.
        var requests = scenario.Deletes.OrderBy(request => Array.FindIndex(batches, batch => byName[batch[0]].Digest == request.Digests[0].Digest)).ToList();
        Assert.Equal(batches, requests.Select(request => request.Digests.Select(digest => $"{digest.Repository}:{Assert.Single(digest.Tags)}").ToArray()));
        Assert.All(requests, request => Assert.Equal((Workspace, PlannedAt), (request.WorkspaceId, request.PlannedAt)));
        Assert.All(requests.SelectMany(request => request.Digests), digest => Assert.Equal("oldest beyond newest 3", digest.Reason));
        Assert.Equal(new CheckQuotaRequest(Workspace, id, 0), Assert.Single(scenario.Checks));

        // The history is being written: the build system does not see ready-to-build yet.
        await ReplayHost.UntilAsync(() => !scenario.Records.IsEmpty);
        var whileRecording = await host.StatusAsync(id);
        Assert.Equal(BuildStatus.CleaningUp, whileRecording!.Phase);
        Assert.Equal(new CleanupProgress(6, 6, 6, 72 * MiB, 3, 3), whileRecording.Progress);
        Assert.Empty(scenario.Releases);
        recording.SetResult();

        // Ready while the lease's release is still under way: it is not waited for.
        var ready = await host.WaitForStatusAsync(id, status => status.Phase == BuildStatus.ReadyToBuild);
        await ReplayHost.UntilAsync(() => !scenario.Releases.IsEmpty);
        Assert.Equal(new CleanupLeaseRequest(Workspace, id), Assert.Single(scenario.Releases));
        Assert.False(releasing.Task.IsCompleted);
        releasing.SetResult();
        Assert.Equal(new CleanupTotals(nameof(CleanupOutcome.TargetReached), 162 * MiB, 72 * MiB, 90 * MiB, 162 * MiB, 6, 6, 0, null, null), ready.Cleanup);
        Assert.StartsWith("Freed 72 MiB: deleted 6 images; usage 100.0% -> 55.6% of 162 MiB (target 60%).", ready.BuildLog[0]);

        var done = await host.PushedAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var cleanup = done.ReadOutputAs<BuildResult>()!.Cleanup!;
        Assert.Equal(plan.Deletions.Select(Name), cleanup.Deletions.Select(deletion => $"{deletion.Repository}:{Assert.Single(deletion.Tags)}"));
        Assert.Equal(plan.Deletions.Select(planned => planned.FreedBytes), cleanup.Deletions.Select(deletion => deletion.FreedBytes));
        Assert.All(cleanup.Deletions, deletion => Assert.Equal("Deleted", deletion.Result));
        Assert.Equal(ready.BuildLog, cleanup.BuildLog);

        // The status carries the log once, beside the totals (which carry none): its summary and each deletion's line once.
        Assert.Equal(1, Occurrences(done.SerializedCustomStatus!, "Freed 72 MiB: deleted 6 images"));
        Assert.Equal(6, Occurrences(done.SerializedCustomStatus!, "deleted ws/"));
        Assert.Equal(
            [
                nameof(CheckQuotaActivity), nameof(DeleteImageDigestsActivity), nameof(DeleteImageDigestsActivity), nameof(DeleteImageDigestsActivity),
                nameof(RecordCleanupActivity), nameof(ReleaseCleanupLeaseActivity), nameof(TrackBuiltImageActivity),
            ],
            scenario.Calls);

        // The history holds what the output holds, under this build.
        var record = Assert.Single(scenario.Records);
        Assert.Equal((Workspace, id, nameof(CleanupOutcome.TargetReached), 162 * MiB, 72 * MiB, 90 * MiB), (record.WorkspaceId, record.BuildId, record.Outcome, record.UsedBytesBefore, record.FreedBytes, record.UsedBytesAfter));
        Assert.Equal(cleanup.Deletions.Select(deletion => deletion.Digest), record.Deletions.Select(deletion => deletion.Digest));
        Assert.Equal(cleanup.BuildLog, record.BuildLog);
        Assert.InRange(record.At, startedAt.AddSeconds(-1), DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_history_that_cannot_be_written_is_said_in_the_build_log_and_the_build_goes_ahead_with_its_cleanup()
    {
        const string StorageError = "Table storage answered 409 Conflict writing the cleanup history";
        var plan = Plan(Tagged(["api"], 6, (_, _) => 10 * MiB), 60 * MiB, targetPercent: 50);
        var scenario = new BuildScenario(plan) { Record = _ => throw new InvalidOperationException(StorageError) };
        await using var host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings());

        var id = await host.StartBuildAsync(Input());
        var ready = await host.WaitForStatusAsync(id, status => status.Phase == BuildStatus.ReadyToBuild);

        // Tried Builds:ActivityAttempts times; the deletions happened, so the cleanup stands and the log says what is missing.
        Assert.Equal(2, scenario.Records.Count);
        Assert.Equal($"The cleanup history could not be written: {StorageError}", ready.BuildLog[^1]);
        Assert.Equal(new CleanupTotals(nameof(CleanupOutcome.TargetReached), 60 * MiB, 30 * MiB, 30 * MiB, 60 * MiB, 3, 3, 0, null, null), ready.Cleanup);
        await ReplayHost.UntilAsync(() => !scenario.Releases.IsEmpty);
        Assert.Equal(new CleanupLeaseRequest(Workspace, id), Assert.Single(scenario.Releases));
    }

    [Fact]
    public async Task A_plan_of_hundreds_of_deletions_keeps_every_status_under_16_KB_while_the_output_and_the_history_have_every_deletion()
    {
        // 303 tags of ws/api, 1 MiB each, with the quota full: the 300 beyond the newest 3 go, 20 to a batch.
        var plan = Plan(Tagged(["api"], 303, (_, _) => MiB), 303 * MiB, targetPercent: 1);
        Assert.Equal(300, plan.Deletions.Count);
        var scenario = new BuildScenario(plan);
        await using var host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings(settings => settings.DeletionBatchSize = 20));

        var id = await host.StartBuildAsync(Input());
        var ready = await host.WaitForStatusAsync(id, status => status.Phase == BuildStatus.ReadyToBuild);
        var done = await host.PushedAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var statuses = host.Episodes.ActionsOf(id).Where(action => action.Kind == OrchestratorAction.Status).ToList();
        Assert.Contains(statuses, status => status.Detail.Contains("\"phase\":\"cleaning-up\"", StringComparison.Ordinal));
        Assert.All(statuses, status => Assert.InRange(Encoding.Unicode.GetByteCount(status.Detail), 1, MaxStatusBytes));
        Assert.InRange(Encoding.Unicode.GetByteCount(done.SerializedCustomStatus!), 1, MaxStatusBytes);

        // Every deletion in the output and the history, in the plan's order; the status shows the log's start and says where the rest is.
        var cleanup = done.ReadOutputAs<BuildResult>()!.Cleanup!;
        Assert.Equal(plan.Deletions.Select(planned => planned.Digest), cleanup.Deletions.Select(deletion => deletion.Digest));
        Assert.Equal(cleanup.Deletions.Select(deletion => deletion.Digest), Assert.Single(scenario.Records).Deletions.Select(deletion => deletion.Digest));
        Assert.Equal(cleanup.BuildLog, scenario.Records.Single().BuildLog);
        Assert.Equal(15, scenario.Deletes.Count);
        Assert.All(scenario.Deletes, request => Assert.Equal(20, request.Digests.Count));
        Assert.Equal(cleanup.BuildLog.Count, ready.BuildLogLines);
        Assert.True(ready.BuildLog.Count < cleanup.BuildLog.Count);
        Assert.Equal(cleanup.BuildLog.Take(ready.BuildLog.Count - 1), ready.BuildLog.SkipLast(1));
        Assert.Equal($"... {cleanup.BuildLog.Count - ready.BuildLog.Count + 1} more lines: GET /api/builds/{{id}} has the whole log.", ready.BuildLog[^1]);
        Assert.Equal(new CleanupTotals(nameof(CleanupOutcome.TargetReached), 303 * MiB, 300 * MiB, 3 * MiB, 303 * MiB, 300, 300, 0, null, null), ready.Cleanup);
    }

    private static int Occurrences(string text, string part) => text.Split(part).Length - 1;

    private static bool IsDelete(OrchestratorAction action) => action is { Kind: OrchestratorAction.Activity, Name: nameof(DeleteImageDigestsActivity) };

    private static string Name(PlannedDigest planned) => $"{planned.Repository}:{Assert.Single(planned.Tags)}";
}
