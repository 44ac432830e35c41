using Orbit.Registry.References;

namespace Orbit.Quota.History;

/// <summary>One deletion of a cleanup as history keeps it: what was deleted (or not), the bytes it freed, and why.</summary>
public sealed record RecordedDeletion(RepositoryName Repository, Digest Digest, IReadOnlyList<Tag> Tags, string Result, long FreedBytes, string Reason, string Detail);
