using Orbit.Quota.Cleanup;

namespace Orbit.Functions.Builds;

/// <summary>One planned deletion as the API and the orchestration history carry it.</summary>
public sealed record PlannedDigest(string Repository, string Digest, IReadOnlyList<string> Tags, string AppId, DateTimeOffset PushedAt, long FreedBytes, long ProjectedBytesAfter, int Pass, string Reason)
{
    public static PlannedDigest From(PlannedDeletion deletion) => new(
        deletion.Repository.Value, deletion.Digest.Value, deletion.Tags.Select(t => t.Value).ToList(), deletion.AppId, deletion.PushedAt,
        deletion.FreedBytes, deletion.ProjectedBytesAfter, deletion.Pass, deletion.Reason);
}
