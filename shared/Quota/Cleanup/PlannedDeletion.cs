using Orbit.Registry.References;

namespace Orbit.Quota.Cleanup;

/// <summary>
/// One manifest the plan deletes. The registry deletes by digest, which removes every tag of
/// <see cref="Repository"/> pointing at <see cref="Digest"/>, so <see cref="Tags"/> lists all of them: nothing
/// disappears that the plan does not name.
/// </summary>
/// <param name="Tags">Every tag on the manifest, newest first.</param>
/// <param name="AppId">The app of the newest tag (tags on one digest normally belong to one app).</param>
/// <param name="PushedAt">When the newest of <see cref="Tags"/> was pushed: deletions are ordered by it, oldest first.</param>
/// <param name="FreedBytes">The bytes of the blobs no image references once this and every earlier deletion is done; can be 0 when its layers are still shared.</param>
/// <param name="ProjectedBytesAfter">Workspace usage once this and every earlier deletion is done.</param>
/// <param name="Pass">1 when keeping each app's newest 3 tags, 2 when the first pass was not enough and only the newest 2 are kept.</param>
/// <param name="Reason">Why it is deleted, for a person reading a build log.</param>
public sealed record PlannedDeletion(
    RepositoryName Repository,
    Digest Digest,
    IReadOnlyList<Tag> Tags,
    string AppId,
    DateTimeOffset PushedAt,
    long FreedBytes,
    long ProjectedBytesAfter,
    int Pass,
    string Reason);
