using Orbit.Registry.References;

namespace Orbit.Functions.Builds;

/// <summary>
/// One planned deletion as a delete work item carries it: what the deleter needs and the reason it logs. The rest of
/// the plan's entry stays in the orchestration's history; every work item is a queue message, and its size is what
/// storage pays for at each put.
/// </summary>
public sealed record DigestToDelete(RepositoryName Repository, Digest Digest, IReadOnlyList<Tag> Tags, string Reason)
{
    public static DigestToDelete From(PlannedDigest planned) => new(planned.Repository, planned.Digest, planned.Tags, planned.Reason);

    /// <summary>The digests as work for the deleter, a repository's together, so that each batch reads the records of few repositories.</summary>
    public static IEnumerable<DigestToDelete> ByRepository(IEnumerable<DigestToDelete> digests) =>
        digests.OrderBy(digest => digest.Repository.Value, StringComparer.Ordinal);
}
