using Orbit.Registry.References;

namespace Orbit.Quota.Cleanup;

/// <summary>
/// The unit of deletion: one manifest of one repository and every tag on it. A registry deletes a manifest
/// by digest and with it all of that repository's tags pointing there, so tags can only go together. The
/// same digest in two repositories is two units: each repository has its own manifest to delete.
/// </summary>
internal sealed class ManifestUnit
{
    /// <param name="tags">Every tag on the manifest, newest first.</param>
    public ManifestUnit(RepositoryName repository, Digest digest, RankedTag[] tags)
    {
        Repository = repository;
        Digest = digest;
        Tags = tags;
        PushedAt = tags[0].Image.PushedAt;
        BestRanked = tags[0];
        foreach (var tag in tags)
        {
            CarriesLatest |= tag.Image.Tag.Value == CleanupPlanner.LatestTag;
            MaxRank = Math.Max(MaxRank, tag.Rank);
            if (tag.Rank < BestRanked.Rank)
            {
                BestRanked = tag;
            }
        }
    }

    public RepositoryName Repository { get; }

    public Digest Digest { get; }

    /// <summary>Newest first.</summary>
    public RankedTag[] Tags { get; }

    /// <summary>When the newest tag was pushed: units are deleted oldest first by it.</summary>
    public DateTimeOffset PushedAt { get; }

    public string AppId => Tags[0].Image.AppId;

    public bool CarriesLatest { get; }

    /// <summary>The tag nearest the top of its app's list: if any tag here is kept for being recent, this one is.</summary>
    public RankedTag BestRanked { get; }

    public int MaxRank { get; }

    /// <summary>Some tag here is beyond its app's newest <paramref name="keep"/>: the policy would like it gone.</summary>
    public bool HasCandidate(int keep) => MaxRank >= keep;

    /// <summary>Every tag here is beyond its app's newest <paramref name="keep"/> and none is <c>latest</c>.</summary>
    public bool IsDeletable(int keep) => !CarriesLatest && BestRanked.Rank >= keep;

    /// <summary>Built on demand: only the few units a plan names need their tags as a list.</summary>
    public IReadOnlyList<Tag> TagNames() => Array.ConvertAll(Tags, tag => tag.Image.Tag);
}
