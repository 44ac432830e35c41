using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace Orbit.Functions.Builds;

/// <summary>
/// A build, from the quota check before it to the tracking after it: for the managed registry, take the
/// workspace's cleanup lease, plan, delete the planned digests (in the check itself, for up to
/// Builds:InlineCleanupBudget; what is left in parallel, batches of it, one activity each), keep the history, release;
/// then report <c>ready-to-build</c> with the build-log lines, wait for <c>ImagePushed</c> or
/// <c>BuildFailed</c> (or time out), track the image and finish with the usage after it.
/// Replayed from its history: everything that touches the world happens in activities.
/// </summary>
public sealed class BuildOrchestrator(IOptions<BuildOptions> options)
{
    public const string Name = "Build";
    public const string ImagePushedEvent = nameof(ImagePushed);
    public const string BuildFailedEvent = nameof(BuildFailed);

    private static readonly TimeSpan MaxLeaseWait = TimeSpan.FromSeconds(10);

    private readonly BuildOptions settings = options.Value;

    private TaskOptions Retry => TaskOptions.FromRetryPolicy(new RetryPolicy(settings.ActivityAttempts, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(10)));

    [Function(Name)]
    public async Task<BuildResult> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var input = context.GetInput<BuildInput>() ?? throw new InvalidBuildInputException("The build has no input.");
        if (input.Problems().ToList() is { Count: > 0 } problems)
        {
            throw new InvalidBuildInputException(string.Join(" ", problems));
        }

        CleanupSummary? cleanup = null;
        RecordedCleanup? recorded = null;
        if (input.Registry == BuildRegistry.Managed)
        {
            context.SetCustomStatus(new BuildStatus(BuildStatus.CheckingQuota, null, []));
            (cleanup, recorded) = await CleanUpAsync(context, input);
            if (cleanup is { Failed: true } && settings.FailClosed)
            {
                throw new InvalidOperationException($"The pre-build quota check or cleanup failed and Builds:FailClosed is set, so the build may not start: {cleanup.Error}");
            }
        }

        var log = cleanup?.BuildLog ?? ["External registry: no quota check or cleanup."];
        BuildStatus Status(string phase) => recorded?.Status(phase) ?? BuildStatus.With(phase, cleanup, log);
        context.SetCustomStatus(Status(BuildStatus.ReadyToBuild));

        using var timeoutCancellation = new CancellationTokenSource();
        var pushed = context.WaitForExternalEvent<ImagePushed>(ImagePushedEvent);
        var failed = context.WaitForExternalEvent<BuildFailed>(BuildFailedEvent);
        var timeout = context.CreateTimer(context.CurrentUtcDateTime + settings.Timeout, timeoutCancellation.Token);
        var first = await Task.WhenAny(pushed, failed, timeout);
        if (first == timeout)
        {
            throw new TimeoutException($"No {ImagePushedEvent} or {BuildFailedEvent} event arrived within {settings.Timeout} (Builds:Timeout) of the build being ready; giving up on it.");
        }

        // The timer would keep the instance waiting for it after the build is done.
        timeoutCancellation.Cancel();
        if (first == failed)
        {
            throw new BuildFailedException($"The build system reported BuildFailed: {failed.Result?.Reason ?? "no reason given"}.");
        }

        if (input.Registry == BuildRegistry.External)
        {
            return new BuildResult(null, null, null, null, pushed.Result?.Digest?.Value);
        }

        context.SetCustomStatus(Status(BuildStatus.Tracking));
        var tracking = context.TrackBuiltImageAsync(new TrackBuiltImageRequest(input.WorkspaceId, input.AppId, input.Repository, input.Tag, pushed.Result?.Digest), Retry);
        if (recorded is not null)
        {
            // While the image is tracked: the build's output has the whole cleanup, as if the check had returned it.
            cleanup = await ReadBackAsync(context, input, recorded);
        }

        var tracked = await tracking;
        return new BuildResult(cleanup, tracked.Image, tracked.UsageAfter, tracked.UsageAfter.Level, tracked.Image.Digest);
    }

    /// <summary>
    /// The check and the cleanup before the build: the cleanup's whole summary, or, when the check carried it out whole
    /// and the history kept it, what the status shows of it (<see cref="RecordedCleanup"/>).
    /// </summary>
    private async Task<(CleanupSummary? Summary, RecordedCleanup? Recorded)> CleanUpAsync(TaskOrchestrationContext context, BuildInput input)
    {
        var request = new CheckQuotaRequest(input.WorkspaceId, context.InstanceId, input.EstimatedBytes);
        string? waitedFor = null;
        try
        {
            QuotaCheck check;
            PlannedCleanup plan;
            for (var attempt = 0; ; attempt++)
            {
                check = await context.CheckQuotaAsync(request with { WaitedFor = waitedFor }, Retry);
                if (check.CarriedOut is { Finished: true } cleanedUp)
                {
                    // The check carried out the whole plan, kept it in the history and gave the lease back.
                    return (cleanedUp.Summary, cleanedUp.Recorded);
                }

                if (check.Plan is { } planned)
                {
                    if (!check.HoldsLease)
                    {
                        return (CleanupReport.Summarize(planned, [], waitedFor, settings.FailClosed), null);
                    }

                    plan = planned;
                    break;
                }

                // Another build is cleaning this workspace: wait for it, then check again on what it left.
                waitedFor = check.LeaseHolder;
                context.SetCustomStatus(new BuildStatus(BuildStatus.WaitingForCleanup, null, [$"Waiting for build {waitedFor} to finish cleaning up this workspace."]));
                await context.CreateTimer(context.CurrentUtcDateTime + LeaseWaitBefore(attempt), CancellationToken.None);
            }

            var inline = check.CarriedOut ?? await CarryOutAsync(context, request, plan, check.InlineBudget, waitedFor);
            if (inline.Finished)
            {
                // The inline part did the whole plan, kept it in the history and gave the lease back.
                return (inline.Summary, inline.Recorded);
            }

            try
            {
                var reported = CleanupReport.Summarize(plan, await DeletePlanAsync(context, input, plan, inline.Done), waitedFor, settings.FailClosed);
                return (reported.DeletedAnything ? await RecordAsync(context, input, plan.PlannedAt, reported) : reported, null);
            }
            finally
            {
                // Not awaited: ready-to-build goes out in this episode, and the release's completion is recorded whenever it comes.
                _ = ReleaseAsync(context, request.Lease);
            }
        }
        catch (TaskFailedException failure)
        {
            // The check takes the lease before it reads the records, so an attempt that failed after taking it left this build
            // holding it, and every other build of the workspace waiting until it runs out: give it back (a no-op if not held).
            _ = ReleaseAsync(context, request.Lease);
            return (CleanupReport.CheckFailed(failure.FailureDetails.ErrorMessage, waitedFor, settings.FailClosed), null);
        }
    }

    /// <summary>The whole summary of a cleanup the check returned as <see cref="RecordedCleanup"/>, from where it was kept whole.</summary>
    private async Task<CleanupSummary> ReadBackAsync(TaskOrchestrationContext context, BuildInput input, RecordedCleanup recorded)
    {
        try
        {
            return await context.ReadCleanupAsync(recorded.ReadBack(input.WorkspaceId, context.InstanceId), Retry) ?? recorded.NoLongerKept();
        }
        catch (TaskFailedException failure)
        {
            return recorded.NotReadBack(failure.FailureDetails.ErrorMessage);
        }
    }

    /// <summary>
    /// The cleanup's inline part as an activity of its own (<see cref="CarryOutCleanupActivity"/>), for the builds whose
    /// check was recorded with a budget for it instead of carrying out the plan itself. If it fails, nothing of it counts:
    /// the fan-out tries every digest, and finds done what it did.
    /// </summary>
    private async Task<CarriedOutCleanup> CarryOutAsync(TaskOrchestrationContext context, CheckQuotaRequest request, PlannedCleanup plan, TimeSpan budget, string? waitedFor)
    {
        if (budget <= TimeSpan.Zero || plan.Deletions.Count == 0)
        {
            return new CarriedOutCleanup([], null);
        }

        context.SetCustomStatus(CleanupReport.InProgress(plan, (plan.Deletions.Count + settings.DeletionBatchSize - 1) / settings.DeletionBatchSize, [], 0));
        try
        {
            return await context.CarryOutCleanupAsync(CarryOutCleanupRequest.For(request.WorkspaceId, request.Holder, plan, waitedFor, budget), Retry);
        }
        catch (TaskFailedException)
        {
            return new CarriedOutCleanup([], null);
        }
    }

    /// <summary>
    /// The plan's deletions that the inline part did not settle (<paramref name="done"/>: its failed ones are tried again) in
    /// batches, one activity each, all at once; the status counts them as batches finish. Every planned digest's outcome,
    /// in the plan's order.
    /// </summary>
    private async Task<IReadOnlyList<DeletionOutcome>> DeletePlanAsync(TaskOrchestrationContext context, BuildInput input, PlannedCleanup plan, IReadOnlyList<DeletionOutcome> done)
    {
        var finished = done.Where(outcome => outcome.Result != DeletionOutcome.Failed).ToList();
        var settled = finished.Select(outcome => (outcome.Repository, outcome.Digest)).ToHashSet();
        var batches = plan.DeletionOrder().Where(planned => !settled.Contains((planned.Repository, planned.Digest))).Chunk(settings.DeletionBatchSize).ToList();
        if (batches.Count > 0)
        {
            context.SetCustomStatus(CleanupReport.InProgress(plan, batches.Count, finished, 0));
        }

        var running = batches.Select(batch => DeleteBatchAsync(context, input, batch, plan.PlannedAt)).ToList();
        while (running.Count > 0)
        {
            var batchDone = await Task.WhenAny(running);
            running.Remove(batchDone);
            finished.AddRange(await batchDone);
            context.SetCustomStatus(CleanupReport.InProgress(plan, batches.Count, finished, batches.Count - running.Count));
        }

        var outcomes = finished.ToDictionary(outcome => (outcome.Repository, outcome.Digest));
        return plan.Deletions.Select(planned => outcomes[(planned.Repository, planned.Digest)]).ToList();
    }

    /// <summary>
    /// Keeps the cleanup in the workspace's history before ready-to-build, so the whole log is there for
    /// <c>GET /api/builds/{id}</c> when the build system asks. A history that cannot be written is said in the log; it
    /// does not undo the cleanup.
    /// </summary>
    private async Task<CleanupSummary> RecordAsync(TaskOrchestrationContext context, BuildInput input, DateTimeOffset plannedAt, CleanupSummary reported)
    {
        try
        {
            await context.RecordCleanupAsync(reported.ToRecord(input.WorkspaceId, context.InstanceId, plannedAt, context.CurrentUtcDateTime), Retry);
            return reported;
        }
        catch (TaskFailedException failure)
        {
            return CleanupReport.HistoryNotWritten(reported, failure.FailureDetails.ErrorMessage);
        }
    }

    private async Task ReleaseAsync(TaskOrchestrationContext context, CleanupLeaseRequest lease)
    {
        try
        {
            await context.ReleaseCleanupLeaseAsync(lease, Retry);
        }
        catch (TaskFailedException)
        {
            // The lease runs out by itself after Builds:CleanupLeaseDuration; the cleanup itself is done.
        }
    }

    /// <summary>
    /// One batch, its failed digests tried again after a durable wait up to Builds:ActivityAttempts times in all;
    /// a digest that still fails is reported Failed, which the build's fail-open or fail-closed rule then judges.
    /// </summary>
    private async Task<IReadOnlyList<DeletionOutcome>> DeleteBatchAsync(TaskOrchestrationContext context, BuildInput input, IReadOnlyList<DigestToDelete> batch, DateTimeOffset plannedAt)
    {
        var finished = new List<DeletionOutcome>();
        var remaining = batch;
        for (var attempt = 1; ; attempt++)
        {
            IReadOnlyList<DeletionOutcome> outcomes;
            try
            {
                outcomes = await context.DeleteImageDigestsAsync(new DeleteDigestsRequest(input.WorkspaceId, remaining, plannedAt), Retry);
            }
            catch (TaskFailedException failure)
            {
                return [.. finished, .. remaining.Select(planned => DeletionOutcome.FailedFor(planned, failure.FailureDetails.ErrorMessage))];
            }

            var failed = outcomes.Where(outcome => outcome.Result == DeletionOutcome.Failed).ToList();
            finished.AddRange(outcomes.Where(outcome => outcome.Result != DeletionOutcome.Failed));
            if (failed.Count == 0 || attempt >= settings.ActivityAttempts)
            {
                return [.. finished, .. failed];
            }

            var retried = failed.Select(outcome => (outcome.Repository, outcome.Digest)).ToHashSet();
            remaining = remaining.Where(planned => retried.Contains((planned.Repository, planned.Digest))).ToList();
            await context.CreateTimer(context.CurrentUtcDateTime + RetryDelayBefore(attempt + 1), CancellationToken.None);
        }
    }

    /// <summary>Looks at a workspace whose cleanup another build holds: doubling from Builds:CleanupLeaseRetryInterval up to 10 s.</summary>
    private TimeSpan LeaseWaitBefore(int attempt) =>
        TimeSpan.FromTicks(Math.Min(MaxLeaseWait.Ticks, settings.CleanupLeaseRetryInterval.Ticks * (1L << Math.Min(attempt, 20))));

    private static TimeSpan RetryDelayBefore(int attempt) =>
        TimeSpan.FromSeconds(Math.Min(10, Math.Pow(2, attempt - 2)));
}
