using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orbit.Quota.Cleanup;

namespace Orbit.Functions.Builds;

/// <summary>
/// Activity: the cleanup's inline part. The instance deletes the plan's digests itself, batch after batch, until
/// Builds:InlineCleanupBudget has passed; when that was the whole plan and nothing failed, it also keeps the cleanup in
/// the workspace's history and gives the lease back, so the build is ready one queue hand-over after its plan instead of
/// one per batch and two more for the history. The plan itself is in the orchestration's history before any deletion,
/// so a redelivered attempt reports every digest of it, the ones an earlier attempt deleted as already deleted.
/// </summary>
public sealed class CarryOutCleanupActivity(
    PlannedDigestDeleter deleter, CleanupRecorder recorder, CleanupLeases leases, IOptions<BuildOptions> options, TimeProvider time, ILogger<CarryOutCleanupActivity> logger)
{
    [Function(nameof(CarryOutCleanupActivity))]
    public async Task<CarriedOutCleanup> RunAsync([ActivityTrigger] CarryOutCleanupRequest input, CancellationToken cancellationToken)
    {
        var plan = input.Header;
        var done = await deleter.DeleteWithinAsync(input.WorkspaceId, DigestToDelete.ByRepository(input.Digests).ToList(), plan.PlannedAt, input.Budget, cancellationToken);
        var failed = done.Count(outcome => outcome.Result == DeletionOutcome.Failed);
        if (done.Count < input.Digests.Count || failed > 0)
        {
            logger.LogInformation(
                "Cleanup of workspace {Workspace} for build {Build}: {Done} of {Planned} planned deletions done within {Budget} (Builds:InlineCleanupBudget), {Failed} of them failed; the {Left} left go to the fan-out.",
                input.WorkspaceId, input.BuildId, done.Count, input.Digests.Count, input.Budget, failed, input.Digests.Count - done.Count + failed);
            return new CarriedOutCleanup(done, null);
        }

        var byDigest = done.ToDictionary(outcome => (outcome.Repository, outcome.Digest));
        var summary = CleanupReport.Summarize(plan, input.Digests.Select(planned => byDigest[(planned.Repository, planned.Digest)]).ToList(), input.WaitedFor, options.Value.FailClosed);
        try
        {
            await recorder.RecordAsync(summary.ToRecord(input.WorkspaceId, input.BuildId, plan.PlannedAt, time.GetUtcNow()), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning("Cleanup of workspace {Workspace} for build {Build}: the history could not be written: {Error}", input.WorkspaceId, input.BuildId, exception.Message);
            summary = CleanupReport.HistoryNotWritten(summary, exception.Message);
        }

        try
        {
            await leases.ReleaseAsync(input.WorkspaceId, input.BuildId, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning("Cleanup of workspace {Workspace} for build {Build}: the cleanup lease could not be given back; it runs out by itself after Builds:CleanupLeaseDuration: {Error}",
                input.WorkspaceId, input.BuildId, exception.Message);
        }

        return new CarriedOutCleanup([], summary);
    }
}
