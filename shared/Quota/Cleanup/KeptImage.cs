using Orbit.Registry.References;

namespace Orbit.Quota.Cleanup;

/// <summary>
/// A manifest the plan keeps, and why: a plan lists every image it does not delete, so "why is this tag still there?"
/// always has an answer.
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
