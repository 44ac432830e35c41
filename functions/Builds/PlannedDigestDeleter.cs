using Microsoft.Extensions.Options;
using Orbit.Quota.Images;
using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Builds;

/// <summary>
/// Carries out planned deletions in this instance through the <see cref="DigestDeleter"/>: one batch (a fan-out's work
/// item), or a plan's batches, a few side by side, within a time budget (the cleanup's inline part).
/// </summary>
public sealed class PlannedDigestDeleter(DigestDeleter deleter, IOptions<BuildOptions> options, TimeProvider time)
{
    /// <summary>One batch: its DELETEs, then one commit of its untracks; the outcome of each digest, in the order given.</summary>
    /// <param name="deletesAnswered">Told once the batch's DELETEs have all been answered, before its untracks commit.</param>
    /// <param name="beforeDeleting">What the batch's first DELETE waits for, its records read meanwhile (<see cref="DigestDeleter.DeleteAllAsync"/>).</param>
    public async Task<IReadOnlyList<DeletionOutcome>> DeleteBatchAsync(
        WorkspaceId workspace, IReadOnlyList<DigestToDelete> batch, DateTimeOffset plannedAt, CancellationToken cancellationToken, Action? deletesAnswered = null,
        Task? beforeDeleting = null)
    {
        var requests = batch.Select(planned => new DigestDeletionRequest(planned.Repository, planned.Digest, planned.Tags, planned.Reason)).ToList();
        var deletions = await deleter.DeleteAllAsync(workspace, requests, plannedAt, cancellationToken, deletesAnswered, beforeDeleting);
        return batch.Zip(deletions, DeletionOutcome.Of).ToList();
    }

    /// <summary>
    /// The digests in batches of Builds:InlineBatchSize, the last one cut smaller (<see cref="InlineBatches"/>), in order,
    /// a few batches sending their DELETEs at a time: while those keep the instance's DELETE slots busy, the next one reads
    /// its records, and the ones whose DELETEs have all been answered commit their untracks (one commit at a time per
    /// workspace) without holding a place. No batch starts once <paramref name="budget"/> has passed; those started finish.
    /// The outcomes of the digests whose batch ran, in no particular order.
    /// </summary>
    /// <param name="batchFinished">Told after each batch: every outcome so far, how many batches have finished, and of how many.</param>
    /// <param name="beforeDeleting">
    /// What no DELETE may start before (the plan being kept): the first batches read their records meanwhile. If it fails,
    /// so does every batch, before deleting anything.
    /// </param>
    public async Task<IReadOnlyList<DeletionOutcome>> DeleteWithinAsync(
        WorkspaceId workspace, IReadOnlyList<DigestToDelete> digests, DateTimeOffset plannedAt, TimeSpan budget, CancellationToken cancellationToken,
        Action<IReadOnlyCollection<DeletionOutcome>, int, int>? batchFinished = null, Task? beforeDeleting = null)
    {
        var settings = options.Value;
        var batches = InlineBatches.Cut(digests, settings.InlineBatchSize);
        // The batches that fill the slots, and two more, so that the slots never wait for a batch's records to be read. A
        // batch that had to wait for its commit before making room left the slots idle for that commit (10-50 ms each on a
        // busy storage account, a third of a cleanup's time in a profile).
        var window = ((settings.DeletionParallelism + settings.InlineBatchSize - 1) / settings.InlineBatchSize) + 2;
        var started = time.GetTimestamp();
        var running = new List<Task<IReadOnlyList<DeletionOutcome>>>();
        var sending = new List<Task>();
        var done = new List<DeletionOutcome>();
        var next = 0;
        var finishedBatches = 0;
        while (true)
        {
            sending.RemoveAll(batch => batch.IsCompleted);
            while (next < batches.Count && sending.Count < window && time.GetElapsedTime(started) < budget)
            {
                var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var batch = DeleteBatchAsync(workspace, batches[next++], plannedAt, cancellationToken, () => answered.TrySetResult(), beforeDeleting);
                running.Add(batch);
                // A batch that fails before its DELETEs are answered makes room by ending.
                sending.Add(Task.WhenAny(answered.Task, batch));
            }

            if (running.Count == 0)
            {
                return done;
            }

            await Task.WhenAny(running.Concat(sending));
            foreach (var finished in running.Where(batch => batch.IsCompleted).ToList())
            {
                running.Remove(finished);
                try
                {
                    done.AddRange(await finished);
                }
                catch
                {
                    // A batch that failed fails the activity, but not before the others have finished: a retry must not find
                    // this attempt's DELETEs and commits still under way. Their own failures add nothing to the first.
                    await Task.WhenAll(running.Cast<Task>()).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    throw;
                }

                batchFinished?.Invoke(done, ++finishedBatches, batches.Count);
            }
        }
    }
}
