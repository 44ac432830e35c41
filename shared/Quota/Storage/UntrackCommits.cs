using Orbit.Quota.Usage;
using Orbit.Registry.References;

namespace Orbit.Quota.Storage;

/// <summary>
/// Splits the untracks of one turn into commits that each fit one transaction. Each group's change was planned after the
/// groups before it, so a run of consecutive groups combines into one valid change: its usage is the last group's, its
/// blob counts the latest of each. Every commit leaves the workspace consistent on its own, which a journal (a write of
/// every row, then a read of it back per part) is not needed for; only a group too large for a transaction by itself
/// goes alone, to be journaled.
/// </summary>
internal static class UntrackCommits
{
    /// <param name="perGroup">Each group's change, in order; null for a group with nothing to untrack.</param>
    /// <param name="rowLimit">Row writes one transaction may hold besides the workspace row.</param>
    public static IReadOnlyList<(IReadOnlyList<int> Groups, UsageChange Change)> Split(IReadOnlyList<UsageChange?> perGroup, int rowLimit)
    {
        var commits = new List<(IReadOnlyList<int>, UsageChange)>();
        var groups = new List<int>();
        UsageChange? combined = null;
        for (var index = 0; index < perGroup.Count; index++)
        {
            if (perGroup[index] is not { } change)
            {
                continue;
            }

            var candidate = combined is null ? change : Combine(combined, change);
            if (combined is not null && ChangeRows.Of(candidate).Count > rowLimit)
            {
                commits.Add((groups, combined));
                groups = [];
                candidate = change;
            }

            groups.Add(index);
            combined = candidate;
        }

        if (combined is not null)
        {
            commits.Add((groups, combined));
        }

        return commits;
    }

    private static UsageChange Combine(UsageChange earlier, UsageChange later)
    {
        var counts = new Dictionary<Digest, BlobReferenceCount>(earlier.BlobCounts);
        foreach (var (digest, count) in later.BlobCounts)
        {
            counts[digest] = count;
        }

        return new UsageChange(later.Usage, [.. earlier.ImagesWritten, .. later.ImagesWritten], [.. earlier.ImagesRemoved, .. later.ImagesRemoved], counts)
        {
            UntrackedManifests = [.. earlier.UntrackedManifests, .. later.UntrackedManifests],
        };
    }
}
