using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Quota.Usage;

/// <summary>
/// What one track or untrack does to a workspace's rows: the new aggregate, the image records to write and
/// remove, and the blob reference counts to set (zero means remove). Applied all together or not at all.
/// </summary>
public sealed record UsageChange(
    WorkspaceUsage Usage,
    IReadOnlyList<ImageRecord> ImagesWritten,
    IReadOnlyList<ImageRecord> ImagesRemoved,
    IReadOnlyDictionary<Digest, BlobReferenceCount> BlobCounts)
{
    /// <summary>The manifests this change untracks whole, recorded with it (see <see cref="UntrackedManifest"/>).</summary>
    public IReadOnlyList<UntrackedManifest> UntrackedManifests { get; init; } = [];

    /// <summary>The bytes of the blobs this change leaves unreferenced: what deleting them frees.</summary>
    public long FreedBytes => BlobCounts.Values.Where(blob => blob.References == 0).Sum(blob => blob.Size);
}
