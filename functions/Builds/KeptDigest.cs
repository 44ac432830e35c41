using Orbit.Quota.Cleanup;
using Orbit.Registry.References;

namespace Orbit.Functions.Builds;

/// <summary>An old image the plan keeps because a protection holds it, as the API carries it.</summary>
public sealed record KeptDigest(RepositoryName Repository, Digest Digest, IReadOnlyList<Tag> Tags, string AppId, DateTimeOffset PushedAt, string Reason, string Explanation)
{
    public static KeptDigest From(KeptImage kept) => new(kept.Repository, kept.Digest, kept.Tags, kept.AppId, kept.PushedAt, kept.Reason.ToString(), kept.Explanation);
}
