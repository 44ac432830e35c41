using Microsoft.Extensions.Logging;
using Orbit.Quota.Storage;
using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;
using Orbit.Registry.Client;
using Orbit.Registry.References;

namespace Orbit.Quota.Images;

/// <summary>
/// Carries out a batch of a cleanup plan's deletions: each manifest by digest from the registry, several at
/// a time, then the records of every deleted one from the accounting in one commit. Idempotent, for
/// at-least-once delivery: the registry's 404 means deleted, and no tracked record left means an earlier
/// attempt finished. It refuses a digest when a tag the plan did not name has moved onto it since planning,
/// because the registry would take that tag too. Whoever untracked a planned manifest first (this batch, the
/// registry's delete event for it, an earlier attempt), the bytes that untrack freed are reported here, so that a
/// cleanup's freed bytes are always its usage drop.
/// </summary>
public sealed class DigestDeleter(RegistryClient registry, UsageStore store, DeletionSlots slots, ILogger<DigestDeleter> logger)
{
    /// <summary>
    /// The outcome of each request, in the order given. A registry failure fails only its own digest. The DELETEs
    /// queue for the instance's <see cref="DeletionSlots"/> together, behind those of batches that came earlier.
    /// </summary>
    /// <param name="plannedAt">When the plan's read of the records began: an untrack of a planned manifest since then is this cleanup's.</param>
    /// <param name="deletesAnswered">
    /// Told once every DELETE of the batch has been answered, before its untracks commit: a caller running batches side by
    /// side can start the next one then, so that the DELETE slots do not wait for this commit.
    /// </param>
    /// <param name="beforeDeleting">
    /// What must be done before the batch changes anything (its caller keeping the plan, so that a resume finds it): the
    /// records are read meanwhile, the first DELETE waits for it, and the batch fails, deleting nothing, if it fails.
    /// </param>
    public async Task<IReadOnlyList<DigestDeletion>> DeleteAllAsync(
        WorkspaceId workspace, IReadOnlyList<DigestDeletionRequest> requests, DateTimeOffset plannedAt, CancellationToken cancellationToken, Action? deletesAnswered = null,
        Task? beforeDeleting = null)
    {
        var tracked = await TrackedByDigestAsync(workspace, requests, cancellationToken);
        if (beforeDeleting is not null)
        {
            await beforeDeleting.WaitAsync(cancellationToken);
        }

        var outcomes = new DigestDeletion?[requests.Count];
        var deletable = new List<(int Index, List<ImageRecord> Records)>();
        var gone = new List<int>();
        for (var index = 0; index < requests.Count; index++)
        {
            var request = requests[index];
            var records = tracked[(request.Repository, request.Digest)].ToList();
            var unplanned = records.Select(record => record.Tag).Except(request.Tags).ToList();
            if (records.Count == 0)
            {
                // Untracked since it was planned (asked again below for what that freed), or by an earlier attempt of this batch.
                gone.Add(index);
            }
            else if (unplanned.Count > 0)
            {
                var detail = $"kept: {string.Join(", ", unplanned)} now point{(unplanned.Count == 1 ? "s" : string.Empty)} at it, which the plan did not name";
                logger.LogWarning("Cleanup of workspace {Workspace}: {Repository}@{Digest} {Detail}.", workspace, request.Repository, request.Digest, detail);
                outcomes[index] = new DigestDeletion(DigestDeletionResult.Skipped, 0, [], detail);
            }
            else
            {
                deletable.Add((index, records));
            }
        }

        var existed = new bool[requests.Count];
        await Task.WhenAll(deletable.Select(async item =>
        {
            var request = requests[item.Index];
            using var slot = await slots.TakeAsync(cancellationToken);
            try
            {
                existed[item.Index] = await registry.DeleteManifestAsync(request.Repository, request.Digest, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Cleanup of workspace {Workspace}: could not delete {Repository}@{Digest} from the registry; it stays tracked: {Error}",
                    workspace, request.Repository, request.Digest, exception.Message);
                outcomes[item.Index] = new DigestDeletion(DigestDeletionResult.Failed, 0, [], exception.Message);
            }
        }));
        deletesAnswered?.Invoke();

        var deleted = deletable.Where(item => outcomes[item.Index] is null).ToList();
        var manifests = deleted.Select(item => (item.Index, Tags: (IReadOnlyList<Tag>)item.Records.Select(record => record.Tag).ToList()))
            .Concat(gone.Select(index => (Index: index, Tags: (IReadOnlyList<Tag>)[])))
            .ToList();
        var untracks = await store.UntrackManifestsAsync(
            workspace, manifests.Select(manifest => (requests[manifest.Index].Repository, requests[manifest.Index].Digest, manifest.Tags)).ToList(), plannedAt, cancellationToken);
        for (var position = 0; position < manifests.Count; position++)
        {
            var index = manifests[position].Index;
            outcomes[index] = Outcome(workspace, requests[index], existed[index], wasTracked: position < deleted.Count, manifests[position].Tags, untracks[position]);
        }

        return outcomes.Select(outcome => outcome!).ToList();
    }

    /// <summary>What became of one planned manifest once its untrack is known, logged with the reason it was planned.</summary>
    /// <param name="wasTracked">This batch found records on it and sent the DELETE; else it had been untracked since planning.</param>
    private DigestDeletion Outcome(WorkspaceId workspace, DigestDeletionRequest request, bool existed, bool wasTracked, IReadOnlyList<Tag> tags, ManifestUntrack? untrack)
    {
        var freed = untrack?.FreedBytes ?? 0;
        var removed = untrack?.Tags is { Count: > 0 } untracked ? untracked : tags;
        if (!wasTracked)
        {
            logger.LogInformation("Cleanup of workspace {Workspace}: {Repository}@{Digest} is already deleted{Freed}.",
                workspace, request.Repository, request.Digest, untrack is null ? string.Empty : $", its untrack since planning freeing {freed} bytes");
            return new DigestDeletion(DigestDeletionResult.AlreadyDeleted, freed, removed, untrack is null ? "already deleted" : "already deleted since planning");
        }

        var note = (existed, untrack?.ByThisCall) switch
        {
            (false, _) => " (already gone from the registry)",
            (true, false) => " (the registry's delete event untracked it first)",
            _ => string.Empty,
        };
        logger.LogInformation("Cleanup of workspace {Workspace}: deleted {Repository}@{Digest} ({Tags}){Note}, freeing {Freed} bytes. Why: {Reason}.",
            workspace, request.Repository, request.Digest, string.Join(", ", removed), note, freed, request.Reason);
        return new DigestDeletion(DigestDeletionResult.Deleted, freed, removed, "deleted" + note);
    }

    /// <summary>The tracked records of the requested digests, from the repositories the batch touches.</summary>
    private async Task<ILookup<(RepositoryName, Digest), ImageRecord>> TrackedByDigestAsync(
        WorkspaceId workspace, IReadOnlyList<DigestDeletionRequest> requests, CancellationToken cancellationToken) =>
        (await store.ListRepositoriesImagesAsync(workspace, requests.Select(request => request.Repository), cancellationToken))
            .ToLookup(record => (record.Repository, record.Digest));
}
