using Orbit.Quota.Usage;

namespace Orbit.Quota.Cleanup;

/// <summary>
/// The orders the planner sorts by. Every tie is broken by names (ordinal, so no culture can change it),
/// which makes the plan a function of the set of images, whatever order the store listed them in.
/// </summary>
internal static class TagOrder
{
    /// <summary>Newest push first; equal times by repository, then tag. A (repository, tag) has one record, so this is total.</summary>
    public static int NewestFirst(ImageRecord left, ImageRecord right)
    {
        var byTime = right.PushedAt.CompareTo(left.PushedAt);
        if (byTime != 0)
        {
            return byTime;
        }

        var byRepository = string.CompareOrdinal(left.Repository.Value, right.Repository.Value);
        return byRepository != 0 ? byRepository : string.CompareOrdinal(left.Tag.Value, right.Tag.Value);
    }

    /// <summary>Sorts <paramref name="units"/> by <see cref="OldestFirst"/>.</summary>
    public static void SortOldestFirst(ManifestUnit[] units)
    {
        // By push time as plain numbers first (several times faster than comparing units), then each run of
        // equal times (rare in a registry, common in tests) by the full order.
        var times = Array.ConvertAll(units, unit => unit.PushedAt.UtcTicks);
        Array.Sort(times, units);
        var byName = Comparer<ManifestUnit>.Create(OldestFirst);
        var start = 0;
        while (start < units.Length)
        {
            var end = start + 1;
            while (end < units.Length && times[end] == times[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                Array.Sort(units, start, end - start, byName);
            }

            start = end;
        }
    }

    /// <summary>Oldest newest-tag first; equal times by repository, then digest. (Repository, digest) is unique, so this is total.</summary>
    public static int OldestFirst(ManifestUnit left, ManifestUnit right)
    {
        var byTime = left.PushedAt.CompareTo(right.PushedAt);
        if (byTime != 0)
        {
            return byTime;
        }

        var byRepository = string.CompareOrdinal(left.Repository.Value, right.Repository.Value);
        return byRepository != 0 ? byRepository : string.CompareOrdinal(left.Digest.Value, right.Digest.Value);
    }
}
