using Orbit.Registry.References;

namespace Orbit.Quota.Images;

/// <summary>What deleting one planned manifest did, with the bytes it really freed and the tags it removed.</summary>
public sealed record DigestDeletion(DigestDeletionResult Result, long FreedBytes, IReadOnlyList<Tag> Tags, string Detail);

public enum DigestDeletionResult
{
    /// <summary>Deleted from the registry (or found already gone there) and from the accounting.</summary>
    Deleted,

    /// <summary>Nothing tracked on this digest any more: an earlier attempt finished the job.</summary>
    AlreadyDeleted,

    /// <summary>Kept: a tag outside the plan now points at the digest, and deleting it would take that tag too.</summary>
    Skipped,

    /// <summary>The registry would not delete it (after the client's retries); the accounting still has it.</summary>
    Failed,
}
