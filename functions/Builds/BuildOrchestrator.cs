using Microsoft.Extensions.Options;
using Orbit.Orchestrations;
using Orbit.Quota.Cleanup;

namespace Orbit.Functions.Builds;

/// <summary>
/// A build, from the quota check before it to the tracking after it: for the managed registry, take the
/// workspace's cleanup lease, plan, delete the planned digests in parallel (one work item each), release;
/// then report <c>ready-to-build</c> with the build-log lines, wait for <c>ImagePushed</c> or
/// <c>BuildFailed</c> (or time out), track the image and finish with the usage after it.
/// Replayed from its history: everything that touches the world happens in activities.
/// </summary>
public sealed class BuildOrchestrator(IOptions<BuildOptions> options) : IOrchestrator<BuildInput, BuildResult>
{
    public const string Name = "Build";
    public const string ImagePushedEvent = nameof(ImagePushed);
    public const string BuildFailedEvent = nameof(BuildFailed);

    private static readonly TimeSpan MaxLeaseRetryDelay = TimeSpan.FromSeconds(10);

    private readonly BuildOptions settings = options.Value;

    private RetryPolicy Retry => new(settings.ActivityAttempts, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(10));

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
        var lease = new CleanupLeaseRequest(input.WorkspaceId, context.InstanceId);
        var planRequest = new PlanCleanupRequest(input.WorkspaceId, input.EstimatedBytes);
        string? waitedFor = null;
        try
        {
            // Most builds find usage below the trigger: one row read, no lease. Only a plan that would
            // delete something is made again under the lease, and only that one is carried out.
            var check = await context.CallActivityAsync<PlannedCleanup>(nameof(PlanCleanupActivity), planRequest, Retry);
            if (check.Deletions.Count == 0)
            {
                return CleanupReport.Summarize(check, [], null);
            }

            for (var attempt = 0; ; attempt++)
            {
                var held = await context.CallActivityAsync<CleanupLease>(nameof(AcquireCleanupLeaseActivity), lease, Retry);
                if (held.Acquired)
                {
                    break;
                }

                // Another build is cleaning this workspace: wait for it, then plan from what it left.
                waitedFor = held.Holder;
                context.SetCustomStatus(new BuildStatus(BuildStatus.WaitingForCleanup, null, [$"Waiting for build {held.Holder} to finish cleaning up this workspace."]));
                await context.CreateTimer(context.CurrentUtcDateTime + LeaseRetryDelay(attempt));
            }

            try
            {
                var plan = await context.CallActivityAsync<PlannedCleanup>(nameof(PlanCleanupActivity), planRequest, Retry);
                if (plan.Deletions.Count > 0)
                {
                    context.SetCustomStatus(new BuildStatus(BuildStatus.CleaningUp, null, plan.BuildLog));
                }

                var outcomes = await Task.WhenAll(plan.Deletions.Select(planned => DeleteAsync(context, input.WorkspaceId, planned)));
                return CleanupReport.Summarize(plan, outcomes, waitedFor);
            }
            finally
            {
                await ReleaseAsync(context, lease);
            }
        }
        catch (TaskFailedException failure)
        {
            return CleanupReport.CheckFailed(failure.Reason, waitedFor);
        }
    }

    /// <summary>Doubling from Builds:CleanupLeaseRetryInterval up to <see cref="MaxLeaseRetryDelay"/>: every look is history to replay.</summary>
    private TimeSpan LeaseRetryDelay(int attempt)
    {
        var delay = settings.CleanupLeaseRetryInterval * Math.Pow(2, Math.Min(attempt, 16));
        return delay > MaxLeaseRetryDelay ? MaxLeaseRetryDelay : delay;
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

    private async Task<DeletionOutcome> DeleteAsync(OrchestrationContext context, string workspaceId, PlannedDigest planned)
    {
        try
        {
            return await context.CallActivityAsync<DeletionOutcome>(nameof(DeleteImageDigestActivity), DeleteDigestRequest.For(workspaceId, planned), Retry);
        }
        catch (TaskFailedException failure)
        {
            return DeletionOutcome.FailedFor(planned, failure.Reason);
        }
    }
}
