using System.Runtime.InteropServices;
using Orbit.Quota.Usage;
using Orbit.Registry.References;

namespace Orbit.Quota.Cleanup;

/// <summary>
/// How many image records reference each blob, the same counting as <see cref="UsageAccounting"/>: a blob's
/// bytes are freed when its last reference goes, so deleting a tag that shares a base layer frees only its
/// own layers, and deleting the last tag on that base frees the base too.
/// </summary>
internal sealed class BlobReferences
{
    // Each blob digest is hashed once, while counting; from then on a blob is a number, and each record's
    // blobs are a run of numbers in one flat array (record r's run starts at runStarts[r]).
    private readonly int[] runStarts;
    private readonly int[] blobs;
    private readonly long[] sizes;
    private readonly int[] counts;

    private BlobReferences(int[] runStarts, int[] blobs, long[] sizes, int[] counts)
    {
        this.runStarts = runStarts;
        this.blobs = blobs;
        this.sizes = sizes;
        this.counts = counts;
    }

    public static BlobReferences Count(IReadOnlyList<ImageRecord> records)
    {
        var runStarts = new int[records.Count + 1];
        for (var record = 0; record < records.Count; record++)
        {
            runStarts[record + 1] = runStarts[record] + records[record].Blobs.Count;
        }

        // Sized for every reference being a different blob, the most there can be, so that nothing grows (and
        // is copied) on the way: at 100k images that growth was most of the planner's garbage.
        var references = runStarts[^1];
        var blobs = new int[references];
        var numbers = new Dictionary<Digest, int>(references, DigestComparer.Instance);
        var sizes = new long[references];
        var counts = new int[references];
        var next = 0;
        foreach (var record in records)
        {
            foreach (var (digest, size) in record.Blobs)
            {
                ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(numbers, digest, out var known);
                if (!known)
                {
                    number = numbers.Count - 1;
                }

                // A digest names its content, so its size cannot differ between records; if the rows
                // disagree anyway, take the larger so the result does not depend on the listing order.
                sizes[number] = Math.Max(sizes[number], size);
                counts[number]++;
                blobs[next++] = number;
            }
        }

        return new BlobReferences(runStarts, blobs, sizes, counts);
    }

    /// <summary>Drops record <paramref name="record"/>'s reference to each of its blobs; returns the bytes of those left unreferenced.</summary>
    public long Release(int record)
    {
        long freed = 0;
        for (var run = runStarts[record]; run < runStarts[record + 1]; run++)
        {
            var blob = blobs[run];
            if (--counts[blob] == 0)
            {
                freed += sizes[blob];
            }
        }

        return freed;
    }
}
