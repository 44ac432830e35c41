using Orbit.Registry.References;

namespace Orbit.Quota.Usage;

/// <summary>
/// The untrack of a whole manifest (every tracked tag of a repository on a digest): what it freed and when. Kept with the
/// commit that untracked it, so that whoever meant to untrack the same manifest and came second (a cleanup whose delete
/// the registry's own delete event overtook, a retried work item) still learns the bytes it freed.
/// </summary>
public sealed record UntrackedManifest(RepositoryName Repository, Digest Digest, IReadOnlyList<Tag> Tags, long FreedBytes, DateTimeOffset UntrackedAt);
