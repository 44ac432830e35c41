using Microsoft.Extensions.Logging;
using Orbit.Quota.Repositories;
using Orbit.Quota.Storage;
using Orbit.Registry.Client;
using Orbit.Registry.References;

namespace Orbit.Quota.Images;

/// <summary>
/// Deletes a tracked image from the registry and from the accounting, idempotently. A registry deletes a
/// manifest by digest, which removes every tag on it; so when other tags share the digest the tag alone
/// is removed where the registry can, and otherwise nothing is deleted and the sharing tags are named.
/// </summary>
public sealed class ImageDeleter(RegistryClient registry, UsageStore store, RepositoryOwners owners, TimeProvider time, ILogger<ImageDeleter> logger)
{
    /// <exception cref="RepositoryOwnershipException">The id's workspace does not own the repository (a tenant's, another workspace's).</exception>
    public async Task<ImageDeletion> DeleteAsync(ImageId id, CancellationToken cancellationToken)
    {
        await owners.RequireOwnedAsync(id.WorkspaceId, id.Repository, cancellationToken);
        var record = await store.GetImageAsync(id.WorkspaceId, id.Repository, id.Tag, cancellationToken);
        if (record is null)
        {
            return new ImageDeletion(ImageDeletionResult.NotFound, 0, []);
        }

        var sharing = await OtherTagsOnDigestAsync(id.Repository, id.Tag, record.Digest, cancellationToken);
        if (sharing.Count > 0)
        {
            var untagged = await registry.TryDeleteTagAsync(id.Repository, id.Tag, cancellationToken);
            if (untagged == TagDeletion.Unsupported)
            {
                return new ImageDeletion(ImageDeletionResult.SharedDigest, 0, sharing);
            }

            var change = await store.UntrackAsync(id.WorkspaceId, [(id.Repository, id.Tag)], cancellationToken);
            logger.LogInformation("Removed tag {Repository}:{Tag} only: {Digest} stays for {Sharing}.", id.Repository, id.Tag, record.Digest, string.Join(", ", sharing));
            return new ImageDeletion(ImageDeletionResult.Untagged, change?.FreedBytes ?? 0, sharing);
        }

        // The registry's delete event may untrack the manifest before this does; what it freed is still this deletion's.
        var deleting = time.GetUtcNow();
        var existed = await registry.DeleteManifestAsync(id.Repository, record.Digest, cancellationToken);
        var onDigest = (await store.FindByDigestAsync(id.WorkspaceId, record.Digest, cancellationToken))
            .Where(other => other.Repository == id.Repository)
            .Select(other => other.Tag)
            .Append(id.Tag)
            .Distinct()
            .ToList();
        var freed = (await store.UntrackManifestsAsync(id.WorkspaceId, [(id.Repository, record.Digest, onDigest)], deleting, cancellationToken))[0]?.FreedBytes ?? 0;
        logger.LogInformation("Deleted {Repository}@{Digest} ({Tag}){Gone}: {Freed} bytes no longer referenced by workspace {Workspace}.",
            id.Repository, record.Digest, id.Tag, existed ? string.Empty : " (already gone from the registry)", freed, id.WorkspaceId);
        return new ImageDeletion(ImageDeletionResult.Deleted, freed, []);
    }

    private async Task<List<Tag>> OtherTagsOnDigestAsync(RepositoryName repository, Tag tag, Digest digest, CancellationToken cancellationToken)
    {
        var sharing = new List<Tag>();
        await foreach (var other in registry.ListTagsAsync(repository, 100, cancellationToken))
        {
            if (other != tag && (await registry.HeadManifestAsync(repository, other, cancellationToken))?.Digest == digest)
            {
                sharing.Add(other);
            }
        }

        return sharing;
    }
}
