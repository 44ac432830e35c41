using Orbit.Registry.References;

namespace Orbit.Quota.Cleanup;

/// <summary>
/// A manifest with a tag old enough to be deleted (by the last pass that ran) that a protection holds: the
/// answer to "why is this old tag still there?". Only such images are listed, not every kept one, so the
/// list stays as small as the set of surprises.
/// </summary>
/// <param name="Tags">Every tag on the manifest, newest first.</param>
/// <param name="AppId">The app of the newest tag.</param>
/// <param name="PushedAt">When the newest of <see cref="Tags"/> was pushed.</param>
/// <param name="Explanation">The same reason in words, naming the kept tag that holds it.</param>
public sealed record KeptImage(
    RepositoryName Repository,
    Digest Digest,
    IReadOnlyList<Tag> Tags,
    string AppId,
    DateTimeOffset PushedAt,
    KeepReason Reason,
    string Explanation);
