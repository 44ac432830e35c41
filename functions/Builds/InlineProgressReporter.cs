using Azure;
using Microsoft.Extensions.Logging;
using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Builds;

/// <summary>
/// Writes the progress of a cleanup the check carries out beside its kept plan (<see cref="KeptCleanupPlans.ReportAsync"/>)
/// as batches finish: at most every Builds:InlineProgressInterval and one write at a time, and the deletions never wait
/// for it. Progress is for people: a write that fails, or finds the plan replaced, ends the reporting, not the cleanup.
/// </summary>
public sealed class InlineProgressReporter(
    KeptCleanupPlans plans, string buildId, KeptCleanupPlan kept, TimeSpan interval, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
{
    private readonly Lock gate = new();
    private ETag version = kept.Version;
    private Task writing = Task.CompletedTask;
    private long? lastWriteStarted;
    private volatile bool stopped;

    private WorkspaceId Workspace => kept.Plan.WorkspaceId;

    /// <summary>
    /// A batch finished: <paramref name="done"/> is every outcome so far (read before this returns). Nothing is written once
    /// every digest is done: the check's result follows at once.
    /// </summary>
    public void BatchFinished(IReadOnlyCollection<DeletionOutcome> done, int batchesFinished, int batches)
    {
        lock (gate)
        {
            if (stopped || done.Count >= kept.Plan.Deletions.Count || !writing.IsCompleted
                || (lastWriteStarted is { } started && time.GetElapsedTime(started) < interval))
            {
                return;
            }

            lastWriteStarted = time.GetTimestamp();
            writing = WriteAsync(CleanupProgress.Of(kept.Plan.Deletions.Count, done, batches, batchesFinished));
        }
    }

    /// <summary>
    /// No more writes. One under way is not waited for: landing late, it changes only this build's own plan's metadata,
    /// and a plan kept since by another build refuses it (If-Match).
    /// </summary>
    public void Stop() => stopped = true;

    private async Task WriteAsync(CleanupProgress progress)
    {
        try
        {
            if (await plans.ReportAsync(Workspace, buildId, version, progress, cancellationToken) is { } written)
            {
                version = written;
                return;
            }

            logger.LogInformation("Cleanup of workspace {Workspace} for build {Build}: its kept plan was replaced; no more progress is written for it.", Workspace, buildId);
        }
        catch (Exception exception)
        {
            logger.LogWarning("Cleanup of workspace {Workspace} for build {Build}: its progress could not be written, and is no longer (the cleanup goes on): {Error}", Workspace, buildId, exception.Message);
        }

        stopped = true;
    }
}
