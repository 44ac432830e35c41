using Microsoft.Extensions.Options;
using Orbit.Orchestrations;
using Orbit.Quota.Cleanup;

namespace Orbit.Functions.Builds;

/// <summary>
/// A build, from the quota check before it to the tracking after it: for the managed registry, take the
/// workspace's cleanup lease, plan, delete the planned digests in parallel (batches of them, one work item each), release;
/// then report <c>ready-to-build</c> with the build-log lines, wait for <c>ImagePushed</c> or
/// <c>BuildFailed</c> (or time out), track the image and finish with the usage after it.
/// Replayed from its history: everything that touches the world happens in activities.
/// </summary>
public sealed class BuildOrchestrator(IOptions<BuildOptions> options) : IOrchestrator<BuildInput, BuildResult>
{
    public const string Name = "Build";
    public const string ImagePushedEvent = nameof(ImagePushed);
    public const string BuildFailedEvent = nameof(BuildFailed);

    private static readonly TimeSpan MaxLeaseWait = TimeSpan.FromSeconds(10);

    private readonly BuildOptions settings = options.Value;

    private RetryPolicy Retry => new(settings.ActivityAttempts, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(10));

    /// <summary>Looks at a workspace whose cleanup another build holds: doubling from Builds:CleanupLeaseRetryInterval; every look is history to replay.</summary>
    private RetryPolicy LeaseWait => new(int.MaxValue, settings.CleanupLeaseRetryInterval, 2, MaxLeaseWait);

    public async Task<BuildResult> RunAsync(OrchestrationContext context, BuildInput input)
    {
        CleanupSummary? cleanup = null;
        if (input.Registry == BuildRegistry.Managed)
        {
            context.SetCustomStatus(new BuildStatus(BuildStatus.CheckingQuota, null, []));
            cleanup = await CleanUpAsync(context, input);
            if (cleanup.Failed && settings.FailClosed)
            {
                throw new InvalidOperationException($"The pre-build quota check failed and Builds:FailClosed is set, so the build may not start: {cleanup.Error}");
            }
        }

        var log = cleanup?.BuildLog ?? ["External registry: no quota check or cleanup."];
        context.SetCustomStatus(new BuildStatus(BuildStatus.ReadyToBuild, cleanup, log));

        var pushed = context.WaitForExternalEvent<ImagePushed>(ImagePushedEvent);
        var failed = context.WaitForExternalEvent<BuildFailed>(BuildFailedEvent);
        var timeout = context.CreateTimer(context.CurrentUtcDateTime + settings.Timeout);
        var first = await Task.WhenAny(pushed, failed, timeout);
        if (first == failed)
        {
            throw new InvalidOperationException($"The build system reported BuildFailed: {failed.Result?.Reason ?? "no reason given"}.");
        }

        if (first == timeout)
        {
            throw new TimeoutException($"No {ImagePushedEvent} or {BuildFailedEvent} event arrived within {settings.Timeout} (Builds:Timeout) of the build being ready; giving up on it.");
        }

        if (input.Registry == BuildRegistry.External)
        {
            return new BuildResult(null, null, null, null, pushed.Result?.Digest);
        }

        context.SetCustomStatus(new BuildStatus(BuildStatus.Tracking, cleanup, log));
        var tracked = await context.CallActivityAsync<TrackedBuild>(
            nameof(TrackBuiltImageActivity), new TrackBuiltImageRequest(input.WorkspaceId, input.AppId, input.Repository, input.Tag, pushed.Result?.Digest), Retry);
        return new BuildResult(cleanup, tracked.Image, tracked.UsageAfter, tracked.UsageAfter.Level, tracked.Image.Digest);
    }

    private async Task<CleanupSummary> CleanUpAsync(OrchestrationContext context, BuildInput input)
    {
        var request = new CheckQuotaRequest(input.WorkspaceId, context.InstanceId, input.EstimatedBytes);
        string? waitedFor = null;
        try
        {
            PlannedCleanup plan;
            for (var attempt = 0; ; attempt++)
            {
                var check = await context.CallActivityAsync<QuotaCheck>(nameof(CheckQuotaActivity), request, Retry);
                if (check.Plan is { } planned)
                {
                    if (!check.HoldsLease)
                    {
                        return CleanupReport.Summarize(planned, [], waitedFor);
                    }

                    plan = planned;
                    break;
                }

                // Another build is cleaning this workspace: wait for it, then check again on what it left.
                waitedFor = check.LeaseHolder;
                context.SetCustomStatus(new BuildStatus(BuildStatus.WaitingForCleanup, null, [$"Waiting for build {waitedFor} to finish cleaning up this workspace."]));
                await context.CreateTimer(context.CurrentUtcDateTime + LeaseWait.DelayBefore(attempt + 2));
            }

            try
            {
                var batches = plan.Deletions.OrderBy(planned => planned.Repository, StringComparer.Ordinal).Select(DigestToDelete.From).Chunk(settings.DeletionBatchSize).ToList();
                if (plan.Deletions.Count > 0)
                {
                    context.SetCustomStatus(new BuildStatus(BuildStatus.CleaningUp, null, CleanupReport.InProgress(plan, batches.Count)));
                }

                var outcomes = (await Task.WhenAll(batches.Select(batch => DeleteAsync(context, input.WorkspaceId, batch, plan.PlannedAt)))).SelectMany(batch => batch)
                    .ToDictionary(outcome => (outcome.Repository, outcome.Digest));
                return CleanupReport.Summarize(plan, plan.Deletions.Select(planned => outcomes[(planned.Repository, planned.Digest)]).ToList(), waitedFor);
            }
            finally
            {
                // Not awaited: ready-to-build goes out in this episode, and the release's completion is recorded whenever it comes.
                _ = ReleaseAsync(context, request.Lease);
            }
        }
        catch (TaskFailedException failure)
        {
            return CleanupReport.CheckFailed(failure.Reason, waitedFor);
        }
    }

    private async Task ReleaseAsync(OrchestrationContext context, CleanupLeaseRequest lease)
    {
        try
        {
            await context.CallActivityAsync<bool>(nameof(ReleaseCleanupLeaseActivity), lease, Retry);
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
    private async Task<IReadOnlyList<DeletionOutcome>> DeleteAsync(OrchestrationContext context, string workspaceId, IReadOnlyList<DigestToDelete> batch, DateTimeOffset plannedAt)
    {
        var finished = new List<DeletionOutcome>();
        var remaining = batch;
        for (var attempt = 1; ; attempt++)
        {
            IReadOnlyList<DeletionOutcome> outcomes;
            try
            {
                outcomes = await context.CallActivityAsync<IReadOnlyList<DeletionOutcome>>(nameof(DeleteImageDigestsActivity), new DeleteDigestsRequest(workspaceId, remaining, plannedAt), Retry);
            }
            catch (TaskFailedException failure)
            {
                return [.. finished, .. remaining.Select(planned => DeletionOutcome.FailedFor(planned, failure.Reason))];
            }

            var failed = outcomes.Where(outcome => outcome.Result == DeletionOutcome.Failed).ToList();
            finished.AddRange(outcomes.Where(outcome => outcome.Result != DeletionOutcome.Failed));
            if (failed.Count == 0 || attempt >= Retry.MaxAttempts)
            {
                return [.. finished, .. failed];
            }

            var retried = failed.Select(outcome => (outcome.Repository, outcome.Digest)).ToHashSet();
            remaining = remaining.Where(planned => retried.Contains((planned.Repository, planned.Digest))).ToList();
            await context.CreateTimer(context.CurrentUtcDateTime + Retry.DelayBefore(attempt + 1));
        }
    }
}
