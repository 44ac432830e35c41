using System.Collections.Immutable;
using Azure;
using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Quota.Storage;

/// <summary>
/// Every image record and blob count of one workspace, and its usage (all its row holds), as they stood when its workspace
/// row had <see cref="ETag"/>. Every change to the partition rewrites that row, so while the row still has this ETag the
/// snapshot is the partition.
/// </summary>
internal sealed record WorkspaceSnapshot(
    ETag ETag,
    WorkspaceUsage Usage,
    ImmutableDictionary<(RepositoryName Repository, Tag Tag), ImageRecord> Images,
    ImmutableDictionary<Digest, BlobReferenceCount> Counts)
{
    public static WorkspaceSnapshot Of(ETag etag, WorkspaceUsage usage, IEnumerable<ImageRecord> images, IReadOnlyDictionary<Digest, BlobReferenceCount> counts) => new(
        etag,
        usage,
        images.ToImmutableDictionary(image => (image.Repository, image.Tag)),
        counts.ToImmutableDictionary());

    /// <summary>The snapshot after <paramref name="change"/> committed, which left the workspace row at <paramref name="etag"/>.</summary>
    public WorkspaceSnapshot After(UsageChange change, ETag etag)
    {
        var images = Images.RemoveRange(change.ImagesRemoved.Select(image => (image.Repository, image.Tag)))
            .SetItems(change.ImagesWritten.Select(image => KeyValuePair.Create((image.Repository, image.Tag), image)));
        var counts = Counts.RemoveRange(change.BlobCounts.Where(entry => entry.Value.References == 0).Select(entry => entry.Key))
            .SetItems(change.BlobCounts.Where(entry => entry.Value.References > 0));
        return new WorkspaceSnapshot(etag, change.Usage, images, counts);
    }
}
