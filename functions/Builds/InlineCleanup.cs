using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orbit.Quota.Cleanup;
using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Builds;

/// <summary>
/// The cleanup's inline part: the instance deletes a plan's digests itself, batch after batch, until
/// Builds:InlineCleanupBudget has passed; when that was the whole plan and nothing failed, it also keeps the cleanup in
/// the workspace's history and gives the lease back, so the build is ready without a queue hand-over per batch and two
/// more for the history, and returns only what the status shows when the history kept the whole (<see cref="RecordedCleanup"/>).
/// Run again on the same plan, it reports every digest of it, the ones an earlier run deleted as already deleted.
/// </summary>
public sealed class InlineCleanup(
    PlannedDigestDeleter deleter, CleanupRecorder recorder, CleanupLeases leases, IOptions<BuildOptions> options, TimeProvider time, ILogger<InlineCleanup> logger)
{
    /// <param name="header">The plan, of which only the header counts: <paramref name="digests"/> are its deletions, in its order.</param>
    public async Task<CarriedOutCleanup> CarryOutAsync(
        string buildId, PlannedCleanup header, IReadOnlyList<DigestToDelete> digests, string? waitedFor, TimeSpan budget, CancellationToken cancellationToken)
    {
        var workspace = header.WorkspaceId;
        var done = await deleter.DeleteWithinAsync(workspace, DigestToDelete.ByRepository(digests).ToList(), header.PlannedAt, budget, cancellationToken);
        var failed = done.Count(outcome => outcome.Result == DeletionOutcome.Failed);
        if (done.Count < digests.Count || failed > 0)
        {
            logger.LogInformation(
                "Cleanup of workspace {Workspace} for build {Build}: {Done} of {Planned} planned deletions done within {Budget} (Builds:InlineCleanupBudget), {Failed} of them failed; the {Left} left go to the fan-out.",
                workspace, buildId, done.Count, digests.Count, budget, failed, digests.Count - done.Count + failed);
            return new CarriedOutCleanup(done, null);
        }

        var byDigest = done.ToDictionary(outcome => (outcome.Repository, outcome.Digest));
        var summary = CleanupReport.Summarize(header, digests.Select(planned => byDigest[(planned.Repository, planned.Digest)]).ToList(), waitedFor, options.Value.FailClosed);
        var keptWhole = false;
        try
        {
            keptWhole = await recorder.RecordAsync(summary.ToRecord(workspace, buildId, header.PlannedAt, time.GetUtcNow()), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning("Cleanup of workspace {Workspace} for build {Build}: the history could not be written: {Error}", workspace, buildId, exception.Message);
            summary = CleanupReport.HistoryNotWritten(summary, exception.Message);
        }

        try
        {
            await leases.ReleaseAsync(workspace, buildId, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning("Cleanup of workspace {Workspace} for build {Build}: the cleanup lease could not be given back; it runs out by itself after Builds:CleanupLeaseDuration: {Error}",
                workspace, buildId, exception.Message);
        }

        return keptWhole ? new CarriedOutCleanup([], null, RecordedCleanup.Of(summary)) : new CarriedOutCleanup([], summary);
    }
}
