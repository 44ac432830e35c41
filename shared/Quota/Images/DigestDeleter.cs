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
/// because the registry would take that tag too.
/// </summary>
public sealed class DigestDeleter(RegistryClient registry, UsageStore store, DeletionSlots slots, ILogger<DigestDeleter> logger)
{
    /// <summary>
    /// The outcome of each request, in the order given. A registry failure fails only its own digest. The DELETEs
    /// queue for the instance's <see cref="DeletionSlots"/> together, behind those of batches that came earlier.
    /// </summary>
    public async Task<IReadOnlyList<DigestDeletion>> DeleteAllAsync(
        WorkspaceId workspace, IReadOnlyList<DigestDeletionRequest> requests, CancellationToken cancellationToken)
    {
        var tracked = await TrackedByDigestAsync(workspace, requests, cancellationToken);
        var outcomes = new DigestDeletion?[requests.Count];
        var deletable = new List<(int Index, List<ImageRecord> Records)>();
        for (var index = 0; index < requests.Count; index++)
        {
            var request = requests[index];
            var records = tracked[(request.Repository, request.Digest)].ToList();
            var unplanned = records.Select(record => record.Tag).Except(request.Tags).ToList();
            if (records.Count == 0)
            {
                logger.LogInformation("Cleanup of workspace {Workspace}: {Repository}@{Digest} is already deleted.", workspace, request.Repository, request.Digest);
                outcomes[index] = new DigestDeletion(DigestDeletionResult.AlreadyDeleted, 0, [], "already deleted");
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

        var deleted = deletable.Where(item => outcomes[item.Index] is null).ToList();
        var changes = await store.UntrackEachAsync(
            workspace, deleted.Select(item => (IReadOnlyList<(RepositoryName, Tag)>)item.Records.Select(record => (record.Repository, record.Tag)).ToList()).ToList(), cancellationToken);
        for (var position = 0; position < deleted.Count; position++)
        {
            var (index, records) = deleted[position];
            var request = requests[index];
            var tags = records.Select(record => record.Tag).ToList();
            var freed = changes[position]?.FreedBytes ?? 0;
            logger.LogInformation("Cleanup of workspace {Workspace}: deleted {Repository}@{Digest} ({Tags}){Gone}, freeing {Freed} bytes. Why: {Reason}.",
                workspace, request.Repository, request.Digest, string.Join(", ", tags), existed[index] ? string.Empty : " (already gone from the registry)", freed, request.Reason);
            outcomes[index] = new DigestDeletion(DigestDeletionResult.Deleted, freed, tags, existed[index] ? "deleted" : "deleted (already gone from the registry)");
        }

        return outcomes.Select(outcome => outcome!).ToList();
    }

    /// <summary>The tracked records of the requested digests, from the repositories the batch touches.</summary>
    private async Task<ILookup<(RepositoryName, Digest), ImageRecord>> TrackedByDigestAsync(
        WorkspaceId workspace, IReadOnlyList<DigestDeletionRequest> requests, CancellationToken cancellationToken) =>
        (await store.ListRepositoriesImagesAsync(workspace, requests.Select(request => request.Repository), cancellationToken))
            .ToLookup(record => (record.Repository, record.Digest));
}
