using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orbit.Quota.Cleanup;
using Orbit.Quota.History;
using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Builds;

/// <summary>
/// The cleanup's inline part: the instance deletes a plan's digests itself, batch after batch, until
/// Builds:InlineCleanupBudget has passed; when that was the whole plan and nothing failed, it also keeps the cleanup in
/// the workspace's history and gives the lease back, so the build is ready without a queue hand-over per batch and two
/// more for the history, and returns only what the status shows (<see cref="RecordedCleanup"/>) when the whole is kept: in the
/// history, or, too large for it, apart (<see cref="LargeCleanupSummaries"/>).
/// Run again on the same plan, it reports every digest of it, the ones an earlier run deleted as already deleted.
/// </summary>
public sealed class InlineCleanup(
    PlannedDigestDeleter deleter, CleanupRecorder recorder, CleanupLeases leases, KeptCleanupPlans keptPlans, LargeCleanupSummaries largeSummaries, IOptions<BuildOptions> options,
    TimeProvider time, ILogger<InlineCleanup> logger)
{
    /// <param name="header">The plan, of which only the header counts: <paramref name="digests"/> are its deletions, in its order.</param>
    /// <param name="keeping">
    /// The plan being kept by the check, beside which its progress is written as batches finish: the first batches read
    /// their records while it is written, and none deletes before it is. None for the builds checked before plans were kept.
    /// </param>
    /// <param name="leaseWritten">The ETag the check's acquisition of the lease wrote, over which the lease is given back in one write.</param>
    public async Task<CarriedOutCleanup> CarryOutAsync(
        string buildId, PlannedCleanup header, IReadOnlyList<DigestToDelete> digests, string? waitedFor, TimeSpan budget, CancellationToken cancellationToken,
        Task<KeptCleanupPlan>? keeping = null, ETag? leaseWritten = null)
    {
        var workspace = header.WorkspaceId;
        InlineProgressReporter? progress = null;
        void BatchFinished(IReadOnlyCollection<DeletionOutcome> done, int batchesFinished, int batches)
        {
            // A batch finishes only once the plan is kept: none deletes before.
            progress ??= new InlineProgressReporter(keptPlans, buildId, keeping!.Result, options.Value.InlineProgressInterval, time, logger, cancellationToken);
            progress.BatchFinished(done, batchesFinished, batches);
        }

        var done = await deleter.DeleteWithinAsync(
            workspace, DigestToDelete.ByRepository(digests).ToList(), header.PlannedAt, budget, cancellationToken, keeping is null ? null : BatchFinished, keeping);
        progress?.Stop();

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
        var record = summary.ToRecord(workspace, buildId, header.PlannedAt, time.GetUtcNow());
        // The history, the lease's release and, for a cleanup the history cannot keep whole, the whole summary apart, side by
        // side: each is a storage round trip on the way to ready-to-build, and none needs another (the next cleanup's plan
        // reads the records, not the history).
        var recording = RecordAsync(record, cancellationToken);
        var keepingApart = record.IsWithinBounds() ? Task.FromResult(false) : KeepApartAsync(summary, workspace, buildId, cancellationToken);
        await Task.WhenAll(recording, keepingApart, ReleaseAsync(workspace, buildId, leaseWritten, cancellationToken));
        var (keptWhole, error) = await recording;
        if (error is not null)
        {
            // The build's output says so, and it is not what was kept apart: the check returns it whole.
            return new CarriedOutCleanup([], CleanupReport.HistoryNotWritten(summary, error));
        }

        return keptWhole ? new CarriedOutCleanup([], null, RecordedCleanup.Of(summary))
            : await keepingApart ? new CarriedOutCleanup([], null, RecordedCleanup.Of(summary, keptApart: true))
            : new CarriedOutCleanup([], summary);
    }

    /// <summary>Keeps the cleanup in the workspace's history: whether the history kept it whole, or why it could not be written.</summary>
    private async Task<(bool KeptWhole, string? Error)> RecordAsync(CleanupRecord record, CancellationToken cancellationToken)
    {
        try
        {
            return (await recorder.RecordAsync(record, cancellationToken), null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning("Cleanup of workspace {Workspace} for build {Build}: the history could not be written: {Error}", record.WorkspaceId, record.BuildId, exception.Message);
            return (false, exception.Message);
        }
    }

    /// <summary>Keeps the whole summary apart from the history (<see cref="LargeCleanupSummaries"/>): whether it was kept; if not, the check returns it whole.</summary>
    private async Task<bool> KeepApartAsync(CleanupSummary summary, WorkspaceId workspace, string buildId, CancellationToken cancellationToken)
    {
        try
        {
            await largeSummaries.KeepAsync(workspace, buildId, summary, cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning("Cleanup of workspace {Workspace} for build {Build}: its whole summary, too large for the history, could not be kept apart; the check returns it whole: {Error}",
                workspace, buildId, exception.Message);
            return false;
        }
    }

    private async Task ReleaseAsync(WorkspaceId workspace, string buildId, ETag? leaseWritten, CancellationToken cancellationToken)
    {
        try
        {
            await leases.ReleaseAsync(workspace, buildId, cancellationToken, leaseWritten);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning("Cleanup of workspace {Workspace} for build {Build}: the cleanup lease could not be given back; it runs out by itself after Builds:CleanupLeaseDuration: {Error}",
                workspace, buildId, exception.Message);
        }
    }
}
