using System.Security.Cryptography;
using CsCheck;
using Orbit.Quota.Storage;
using Orbit.Registry.References;

namespace Orbit.Quota.Tests.Storage;

public sealed class RecordRangesTests
{
    // Every kind of row a workspace's partition holds, keyed as the store keys them.
    private static readonly Gen<string> RowKey = Gen.OneOf(
        Gen.Byte.Array[1, 8].Select(bytes => UsageRows.BlobKey(Digest.Sha256Of(bytes))),
        Gen.Byte.Array[1, 8].Select(bytes => UsageRows.BlobKey(Digest.Parse($"sha512:{Convert.ToHexStringLower(SHA512.HashData(bytes))}"))),
        Gen.Select(Gen.Int[0, 30], Gen.Int[0, 99]).Select((app, tag) => UsageRows.ImageKey(RepositoryName.Parse($"team-a/app{app}"), Tag.Parse($"v{tag}"))),
        Gen.Select(Gen.Int[0, 30], Gen.Byte.Array[1, 8]).Select((app, bytes) => UsageRows.UntrackedKey(RepositoryName.Parse($"team-a/app{app}"), Digest.Sha256Of(bytes))),
        Gen.Long[0, DateTimeOffset.MaxValue.UtcTicks].Select(ticks => $"{UsageRows.PushedPrefix}{ticks:D19}|team-a!app0|v1"),
        Gen.Const(UsageRows.WorkspaceKey),
        Gen.Const(UsageRows.JournalKey));

    [Fact]
    public void The_ranges_hold_each_image_row_and_with_blobs_each_blob_row_exactly_once_and_no_other_row()
    {
        Gen.Select(RowKey.Array[0, 200], Gen.Int[0, 10_000], Gen.Bool).Sample((keys, imageCount, withBlobs) =>
        {
            var ranges = RecordRanges.For(imageCount, withBlobs);
            foreach (var key in keys)
            {
                var holding = ranges.Count(range => string.CompareOrdinal(key, range.From) >= 0 && string.CompareOrdinal(key, range.To) < 0);
                var wanted = key.StartsWith(UsageRows.ImagePrefix, StringComparison.Ordinal) || (withBlobs && key.StartsWith(UsageRows.BlobPrefix, StringComparison.Ordinal));
                Assert.Equal(wanted ? 1 : 0, holding);
            }

            // In key order, so the rows of the ranges, one after another, are in the order one query would return them.
            Assert.All(ranges.Zip(ranges.Skip(1)), pair => Assert.True(string.CompareOrdinal(pair.First.To, pair.Second.From) <= 0));
        });
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(200, 1)]
    [InlineData(201, 2)]
    [InlineData(600, 4)]
    [InlineData(2_400, 16)]
    [InlineData(1_000_000, 16)]
    public void Blob_rows_are_read_in_a_range_per_200_images_rounded_up_to_a_power_of_two_and_at_most_16(int images, int blobRanges)
    {
        Assert.Equal(blobRanges, RecordRanges.BlobRangeCount(images));
        // One query for a small workspace; else the blob ranges and the image range.
        Assert.Equal(blobRanges == 1 ? 1 : blobRanges + 1, RecordRanges.For(images, withBlobs: true).Count);
        Assert.Single(RecordRanges.For(images, withBlobs: false));
    }

    [Fact]
    public void Sha256_digests_spread_over_the_blob_ranges_about_evenly()
    {
        var ranges = RecordRanges.For(2_400, withBlobs: true).SkipLast(1).ToList();
        var keys = Enumerable.Range(0, 4_800).Select(index => UsageRows.BlobKey(Digest.Sha256Of(BitConverter.GetBytes(index)))).ToList();

        var perRange = ranges.Select(range => keys.Count(key => string.CompareOrdinal(key, range.From) >= 0 && string.CompareOrdinal(key, range.To) < 0)).ToList();

        // 300 a range expected; a page holds 1,000.
        Assert.All(perRange, count => Assert.InRange(count, 200, 400));
    }
}
