using Microsoft.Extensions.Logging;
using Orbit.Quota.Storage;
using Orbit.Quota.Workspaces;
using Orbit.Registry.Client;
using Orbit.Registry.References;

namespace Orbit.Quota.Images;

/// <summary>
/// Carries out one deletion of a cleanup plan: the manifest by digest from the registry, then its records
/// from the accounting in one transaction. Idempotent, for at-least-once delivery: the registry's 404
/// means deleted, and no tracked record left means an earlier attempt finished. It refuses when a tag
/// the plan did not name has moved onto the digest since planning, because the registry would take it too.
/// </summary>
public sealed class DigestDeleter(RegistryClient registry, UsageStore store, ILogger<DigestDeleter> logger)
{
    public async Task<DigestDeletion> DeleteAsync(WorkspaceId workspace, RepositoryName repository, Digest digest, IReadOnlyCollection<Tag> plannedTags, string reason, CancellationToken cancellationToken)
    {
        var tracked = (await store.ListRepositoryImagesAsync(workspace, repository, cancellationToken)).Where(record => record.Digest == digest).ToList();
        if (tracked.Count == 0)
        {
            logger.LogInformation("Cleanup of workspace {Workspace}: {Repository}@{Digest} is already deleted.", workspace, repository, digest);
            return new DigestDeletion(DigestDeletionResult.AlreadyDeleted, 0, [], "already deleted");
        }

        var tags = tracked.Select(record => record.Tag).ToList();
        var unplanned = tags.Except(plannedTags).ToList();
        if (unplanned.Count > 0)
        {
            var detail = $"kept: {string.Join(", ", unplanned)} now point{(unplanned.Count == 1 ? "s" : string.Empty)} at it, which the plan did not name";
            logger.LogWarning("Cleanup of workspace {Workspace}: {Repository}@{Digest} {Detail}.", workspace, repository, digest, detail);
            return new DigestDeletion(DigestDeletionResult.Skipped, 0, [], detail);
        }

        var existed = await registry.DeleteManifestAsync(repository, digest, cancellationToken);
        var change = await store.UntrackAsync(workspace, tracked.Select(record => (record.Repository, record.Tag)).ToList(), cancellationToken);
        var freed = change?.FreedBytes ?? 0;
        logger.LogInformation("Cleanup of workspace {Workspace}: deleted {Repository}@{Digest} ({Tags}){Gone}, freeing {Freed} bytes. Why: {Reason}.",
            workspace, repository, digest, string.Join(", ", tags), existed ? string.Empty : " (already gone from the registry)", freed, reason);
        return new DigestDeletion(DigestDeletionResult.Deleted, freed, tags, existed ? "deleted" : "deleted (already gone from the registry)");
    }
}
