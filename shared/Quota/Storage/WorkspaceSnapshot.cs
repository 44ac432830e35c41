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
/// <remarks>
/// The records are kept by repository: each batch of a cleanup asks for the records of its own few repositories, and
/// finding them among all of the workspace's would cost each batch the whole workspace (a cleanup, the square of its size).
/// </remarks>
internal sealed class WorkspaceSnapshot
{
    private readonly ImmutableDictionary<RepositoryName, ImmutableDictionary<Tag, ImageRecord>> repositories;

    private WorkspaceSnapshot(
        ETag etag, WorkspaceUsage usage, ImmutableDictionary<RepositoryName, ImmutableDictionary<Tag, ImageRecord>> repositories, int imageCount,
        ImmutableDictionary<Digest, BlobReferenceCount> counts)
    {
        ETag = etag;
        Usage = usage;
        this.repositories = repositories;
        ImageCount = imageCount;
        Counts = counts;
    }

    public ETag ETag { get; }

    public WorkspaceUsage Usage { get; }

    /// <summary>How many image records the snapshot holds.</summary>
    public int ImageCount { get; }

    public ImmutableDictionary<Digest, BlobReferenceCount> Counts { get; }

    public static WorkspaceSnapshot Of(ETag etag, WorkspaceUsage usage, IEnumerable<ImageRecord> images, IReadOnlyDictionary<Digest, BlobReferenceCount> counts)
    {
        var repositories = images
            .GroupBy(image => image.Repository)
            .ToImmutableDictionary(repository => repository.Key, repository => repository.ToImmutableDictionary(image => image.Tag));
        return new(etag, usage, repositories, repositories.Values.Sum(tags => tags.Count), counts.ToImmutableDictionary());
    }

    /// <summary>The record of a tag, or null when the workspace does not track it.</summary>
    public ImageRecord? Find((RepositoryName Repository, Tag Tag) key) =>
        repositories.TryGetValue(key.Repository, out var tags) ? tags.GetValueOrDefault(key.Tag) : null;

    /// <summary>The records of the given repositories.</summary>
    public IEnumerable<ImageRecord> In(IEnumerable<RepositoryName> wanted) =>
        wanted.Distinct().SelectMany(repository => repositories.TryGetValue(repository, out var tags) ? tags.Values : []);

    /// <summary>The snapshot after <paramref name="change"/> committed, which left the workspace row at <paramref name="etag"/>.</summary>
    public WorkspaceSnapshot After(UsageChange change, ETag etag)
    {
        var removed = change.ImagesRemoved.Select(image => (image.Repository, image.Tag, Record: (ImageRecord?)null));
        var written = change.ImagesWritten.Select(image => (image.Repository, image.Tag, Record: (ImageRecord?)image));
        var (images, count) = (repositories, ImageCount);
        foreach (var repository in removed.Concat(written).GroupBy(entry => entry.Repository))
        {
            var before = images.GetValueOrDefault(repository.Key) ?? ImmutableDictionary<Tag, ImageRecord>.Empty;
            var after = before;
            foreach (var (_, tag, record) in repository)
            {
                after = record is null ? after.Remove(tag) : after.SetItem(tag, record);
            }

            count += after.Count - before.Count;
            images = after.IsEmpty ? images.Remove(repository.Key) : images.SetItem(repository.Key, after);
        }

        var counts = Counts.RemoveRange(change.BlobCounts.Where(entry => entry.Value.References == 0).Select(entry => entry.Key))
            .SetItems(change.BlobCounts.Where(entry => entry.Value.References > 0));
        return new WorkspaceSnapshot(etag, change.Usage, images, count, counts);
    }
}
