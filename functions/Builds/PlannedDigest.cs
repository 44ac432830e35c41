using Orbit.Quota.Cleanup;
using Orbit.Registry.References;

namespace Orbit.Functions.Builds;

/// <summary>One planned deletion as the API and the orchestration history carry it.</summary>
public sealed record PlannedDigest(RepositoryName Repository, Digest Digest, IReadOnlyList<Tag> Tags, string AppId, DateTimeOffset PushedAt, long FreedBytes, long ProjectedBytesAfter, int Pass, string Reason)
{
    public static PlannedDigest From(PlannedDeletion deletion) => new(
        deletion.Repository, deletion.Digest, deletion.Tags, deletion.AppId, deletion.PushedAt,
        deletion.FreedBytes, deletion.ProjectedBytesAfter, deletion.Pass, deletion.Reason);
}
