namespace Orbit.Functions.Builds;

/// <summary>
/// How the cleanup's inline part cuts a plan into batches: Builds:InlineBatchSize each, except the plan's last batch,
/// which is cut into smaller and smaller ones (10 into 5, 3 and 2; 20 into 10, 5, 3 and 2). The build waits for the last
/// batch's untracks to commit after its last DELETE has been answered, and a commit's time grows with its rows (about 5 a
/// digest; a batch of 20 took 12-35 ms on a busy storage account): the last one then commits a few digests, while the
/// batches before it have committed theirs during the final DELETEs. Earlier batches keep the full size, which costs
/// fewer commits.
/// </summary>
public static class InlineBatches
{
    /// <summary>The items in order, cut as above; no batch is empty or larger than <paramref name="size"/>.</summary>
    public static IReadOnlyList<T[]> Cut<T>(IReadOnlyList<T> items, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var last = Math.Min(size, items.Count);
        var batches = items.Take(items.Count - last).Chunk(size).ToList();
        // Pieces of half what is left, until what is left is small enough to commit in a few milliseconds.
        var smallest = Math.Max(2, size / 8);
        var left = items.Skip(items.Count - last).ToArray();
        while (left.Length > smallest)
        {
            var half = (left.Length + 1) / 2;
            batches.Add(left[..half]);
            left = left[half..];
        }

        if (left.Length > 0)
        {
            batches.Add(left);
        }

        return batches;
    }
}
