namespace Orbit.Quota.Storage;

/// <summary>
/// The row-key ranges a read of a workspace's records queries side by side. A query pages its rows one round trip after
/// another (at most 1,000 a page), so one query over a large workspace was several round trips in a row before its
/// cleanup could plan, each on the way to the build. Blob rows are keyed by digest, whose hex digits spread them evenly,
/// so they split into ranges of about equal size that are read at once; the image rows, keyed by repository, are one
/// range. A small workspace is one query, as its rows fit a page or two.
/// </summary>
internal static class RecordRanges
{
    /// <summary>Images per blob range: a workspace's blob rows are about one to three per image, so a range fits a page.</summary>
    public const int ImagesPerBlobRange = 200;

    public const int MaxBlobRanges = 16;

    private const string HexDigits = "0123456789abcdef";

    private static readonly string BlobsEnd = UsageRows.PrefixEnd(UsageRows.BlobPrefix);
    private static readonly string ImagesEnd = UsageRows.PrefixEnd(UsageRows.ImagePrefix);

    /// <summary>
    /// The ranges, in key order, that together hold exactly the workspace's image rows and, <paramref name="withBlobs"/>,
    /// its blob rows: each range from its first key (inclusive) to its end (exclusive).
    /// </summary>
    public static IReadOnlyList<(string From, string To)> For(int imageCount, bool withBlobs)
    {
        if (!withBlobs)
        {
            return [(UsageRows.ImagePrefix, ImagesEnd)];
        }

        var blobRanges = BlobRangeCount(imageCount);
        if (blobRanges == 1)
        {
            // Blob rows sort just before image rows, and nothing sorts between them.
            return [(UsageRows.BlobPrefix, ImagesEnd)];
        }

        // Split on the first hex digit of a sha256 digest; keys of any other algorithm fall in the first or last range.
        var ranges = new List<(string From, string To)>();
        var from = UsageRows.BlobPrefix;
        for (var range = 1; range < blobRanges; range++)
        {
            var to = $"{UsageRows.BlobPrefix}sha256:{HexDigits[range * HexDigits.Length / blobRanges]}";
            ranges.Add((from, to));
            from = to;
        }

        ranges.Add((from, BlobsEnd));
        ranges.Add((UsageRows.ImagePrefix, ImagesEnd));
        return ranges;
    }

    /// <summary>How many ranges the blob rows of a workspace of <paramref name="imageCount"/> images are read in: a power of two, 1 to 16.</summary>
    public static int BlobRangeCount(int imageCount)
    {
        var count = 1;
        while (count < MaxBlobRanges && count * ImagesPerBlobRange < imageCount)
        {
            count *= 2;
        }

        return count;
    }
}
