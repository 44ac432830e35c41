using Orbit.Registry.References;

namespace Orbit.Quota.Images;

/// <summary>How a deletion ended: the manifest deleted (freeing these bytes), only the tag removed, not found, or refused because other tags share the digest.</summary>
public sealed record ImageDeletion(ImageDeletionResult Result, long FreedBytes, IReadOnlyList<Tag> SharingTags);

public enum ImageDeletionResult
{
    Deleted,
    Untagged,
    NotFound,
    SharedDigest,
}
