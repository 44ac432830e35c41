using Orbit.Quota.Cleanup;

namespace Orbit.Functions.Builds;

/// <summary>An old image the plan keeps because a protection holds it, as the API carries it.</summary>
public sealed record KeptDigest(string Repository, string Digest, IReadOnlyList<string> Tags, string AppId, DateTimeOffset PushedAt, string Reason, string Explanation)
{
    public static KeptDigest From(KeptImage kept) => new(
        kept.Repository.Value, kept.Digest.Value, kept.Tags.Select(t => t.Value).ToList(), kept.AppId, kept.PushedAt, kept.Reason.ToString(), kept.Explanation);
}
