using CsCheck;
using System.Collections.Immutable;
using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Quota.Tests.Usage;

public sealed class UsageAccountingTests
{
    private static readonly WorkspaceId Workspace = WorkspaceId.TryParse("ws-1", out var id) ? id : throw new InvalidOperationException();
    private static readonly Digest Base = Digest.Sha256Of([1]);
    private static readonly Digest AppV1 = Digest.Sha256Of([2]);
    private static readonly Digest AppV2 = Digest.Sha256Of([3]);
    private static readonly Digest Config1 = Digest.Sha256Of([4]);
    private static readonly Digest Config2 = Digest.Sha256Of([5]);

    [Fact]
    public void A_base_layer_shared_by_two_tags_counts_once()
    {
        var empty = Usage(0, 0);
        var first = Image("v1", Digest.Sha256Of([10]), (Config1, 10), (Base, 1000), (AppV1, 100));
        var afterFirst = UsageAccounting.Track(empty, null, first, new Dictionary<Digest, BlobReferenceCount>());
        var second = Image("v2", Digest.Sha256Of([11]), (Config2, 10), (Base, 1000), (AppV2, 200));

        var afterSecond = UsageAccounting.Track(afterFirst.Usage, null, second, afterFirst.BlobCounts);

        Assert.Equal(1110, afterFirst.Usage.UsedBytes);
        Assert.Equal(1110 + 210, afterSecond.Usage.UsedBytes);
        Assert.Equal(2, afterSecond.Usage.ImageCount);
        Assert.Equal(2, afterSecond.BlobCounts[Base].References);
    }

    [Fact]
    public void An_images_unique_bytes_are_what_untracking_it_alone_frees_and_its_size_counts_every_blob()
    {
        Orbit.Quota.Tests.Cleanup.RandomWorkspace.Gen.Sample(workspace =>
        {
            var counts = workspace.Images.SelectMany(image => image.Blobs)
                .GroupBy(blob => blob.Key)
                .ToDictionary(group => group.Key, group => new BlobReferenceCount(group.First().Value, group.Count()));
            foreach (var image in workspace.Images)
            {
                var summary = image.SummaryWith(counts);
                Assert.Equal(UsageAccounting.Untrack(workspace.Usage, [image], counts).FreedBytes, summary.UniqueBytes);
                Assert.Equal(image.Blobs.Values.Sum(), summary.SizeBytes);
            }
        }, iter: 300);
    }

    [Fact]
    public void Untracking_frees_only_the_blobs_no_other_record_references()
    {
        var first = Image("v1", Digest.Sha256Of([10]), (Config1, 10), (Base, 1000), (AppV1, 100));
        var second = Image("v2", Digest.Sha256Of([11]), (Config2, 10), (Base, 1000), (AppV2, 200));
        var counts = new Dictionary<Digest, BlobReferenceCount>
        {
            [Config1] = new(10, 1), [Config2] = new(10, 1), [Base] = new(1000, 2), [AppV1] = new(100, 1), [AppV2] = new(200, 1),
        };

        var change = UsageAccounting.Untrack(Usage(1320, 2), [first], counts);

        Assert.Equal(110, change.FreedBytes);
        Assert.Equal(1210, change.Usage.UsedBytes);
        Assert.Equal(1, change.Usage.ImageCount);
        Assert.Equal(1, change.BlobCounts[Base].References);
        Assert.Equal(0, change.BlobCounts[AppV1].References);
    }

    [Fact]
    public void Repushing_a_tag_replaces_its_blobs_and_keeps_the_shared_ones()
    {
        var old = Image("latest", Digest.Sha256Of([10]), (Config1, 10), (Base, 1000), (AppV1, 100));
        var counts = new Dictionary<Digest, BlobReferenceCount> { [Config1] = new(10, 1), [Base] = new(1000, 1), [AppV1] = new(100, 1) };
        var repushed = Image("latest", Digest.Sha256Of([11]), (Config2, 10), (Base, 1000), (AppV2, 200));

        var change = UsageAccounting.Track(Usage(1110, 1), old, repushed, counts);

        Assert.Equal(1210, change.Usage.UsedBytes);
        Assert.Equal(1, change.Usage.ImageCount);
        Assert.Equal(1, change.BlobCounts[Base].References);
        Assert.Equal(0, change.BlobCounts[AppV1].References);
        Assert.Equal(110, change.FreedBytes);
    }

    [Fact]
    public void Untracking_groups_together_gives_each_group_what_it_freed_in_turn_and_the_same_total_as_one_by_one()
    {
        var first = Image("v1", Digest.Sha256Of([10]), (Config1, 10), (Base, 1000), (AppV1, 100));
        var second = Image("v2", Digest.Sha256Of([11]), (Config2, 10), (Base, 1000), (AppV2, 200));
        var counts = new Dictionary<Digest, BlobReferenceCount>
        {
            [Config1] = new(10, 1), [Config2] = new(10, 1), [Base] = new(1000, 2), [AppV1] = new(100, 1), [AppV2] = new(200, 1),
        };

        var (perGroup, combined) = UsageAccounting.UntrackEach(Usage(1320, 2), [[first], [], [second]], counts);

        Assert.Equal(110, perGroup[0]!.FreedBytes);
        Assert.Null(perGroup[1]);
        Assert.Equal(1210, perGroup[2]!.FreedBytes);
        Assert.Equal(0, combined.Usage.UsedBytes);
        Assert.Equal(0, combined.Usage.ImageCount);
        Assert.Equal(1320, combined.FreedBytes);
        Assert.Equal(0, combined.BlobCounts[Base].References);
        Assert.Equal([first, second], combined.ImagesRemoved);
    }

    [Fact]
    public void Untracking_groups_looks_up_their_own_blobs_only_never_lists_the_workspaces_counts()
    {
        var first = Image("v1", Digest.Sha256Of([10]), (Config1, 10), (Base, 1000), (AppV1, 100));
        var counts = new LookupOnlyCounts(new Dictionary<Digest, BlobReferenceCount>
        {
            [Config1] = new(10, 1), [Config2] = new(10, 1), [Base] = new(1000, 2), [AppV1] = new(100, 1), [AppV2] = new(200, 1),
        });

        var (perGroup, combined) = UsageAccounting.UntrackEach(Usage(1320, 2), [[first]], counts);

        Assert.Equal(110, perGroup[0]!.FreedBytes);
        Assert.Equal(1210, combined.Usage.UsedBytes);
        Assert.Equal(new[] { Base, AppV1, Config1 }.Select(digest => digest.Value).Order(), combined.BlobCounts.Keys.Select(digest => digest.Value).Order());
        Assert.Equal(1, combined.BlobCounts[Base].References);
    }

    [Fact]
    public void A_record_whose_blob_has_no_count_is_reported_as_inconsistent_rather_than_miscounted()
    {
        var record = Image("v1", Digest.Sha256Of([10]), (Config1, 10));

        Assert.Throws<InvalidOperationException>(() => UsageAccounting.Untrack(Usage(10, 1), [record], new Dictionary<Digest, BlobReferenceCount>()));
    }

    [Fact]
    public void The_counts_the_records_give_are_the_counts_tracking_repushing_and_untracking_them_left_in_any_order()
    {
        Gen.Select(Orbit.Quota.Tests.Cleanup.RandomWorkspace.Gen, Gen.Int, Gen.Int[0, 100], Gen.Int[0, 100]).Sample((workspace, seed, repushPercent, untrackPercent) =>
        {
            var random = new Random(seed);
            var images = workspace.Images.OrderBy(_ => random.Next()).ToList();
            var usage = Usage(0, 0);
            var counts = new Dictionary<Digest, BlobReferenceCount>();
            var records = new Dictionary<(RepositoryName, Tag), ImageRecord>();
            void Apply(UsageChange change)
            {
                usage = change.Usage;
                foreach (var (digest, count) in change.BlobCounts)
                {
                    if (count.References == 0)
                    {
                        counts.Remove(digest);
                    }
                    else
                    {
                        counts[digest] = count;
                    }
                }
            }

            void Track(ImageRecord image)
            {
                Apply(UsageAccounting.Track(usage, records.GetValueOrDefault((image.Repository, image.Tag)), image, counts));
                records[(image.Repository, image.Tag)] = image;
            }

            images.ForEach(Track);
            // Some tags pushed again with another image's manifest: the record replaced, its old blobs released.
            foreach (var image in images.Take(images.Count * repushPercent / 100))
            {
                var other = images[random.Next(images.Count)];
                Track(image with { Digest = other.Digest, Blobs = other.Blobs });
            }

            var untracked = records.Values.OrderBy(_ => random.Next()).Take(records.Count * untrackPercent / 100).ToList();
            Apply(UsageAccounting.UntrackEach(usage, untracked.Chunk(3).Select(group => (IReadOnlyList<ImageRecord>)group).ToList(), counts).Combined);
            untracked.ForEach(record => records.Remove((record.Repository, record.Tag)));

            var given = UsageAccounting.CountsOf(records.Values);

            Assert.NotNull(given);
            Assert.Equal(counts.OrderBy(entry => entry.Key.Value), given.OrderBy(entry => entry.Key.Value));
            Assert.Equal(usage.UsedBytes, given.Values.Sum(count => count.Size));
        }, iter: 300);
    }

    [Fact]
    public void Records_that_give_one_blob_two_sizes_give_no_counts()
    {
        var first = Image("v1", Digest.Sha256Of([10]), (Config1, 10), (Base, 1000));
        var second = Image("v2", Digest.Sha256Of([11]), (Config2, 10), (Base, 999));

        Assert.Equal(2, UsageAccounting.CountsOf([first, first with { Tag = Tag.Parse("v3") }])![Base].References);
        Assert.Null(UsageAccounting.CountsOf([first, second]));
    }

    private static WorkspaceUsage Usage(long used, int images) => new(Workspace, new QuotaPolicy(10_000), used, images);

    private static ImageRecord Image(string tag, Digest digest, params (Digest Digest, long Size)[] blobs) => new(
        Workspace, "api", RepositoryName.Parse("ws-1/api"), Tag.Parse(tag), digest, "application/vnd.oci.image.manifest.v1+json",
        DateTimeOffset.UnixEpoch, blobs.ToImmutableDictionary(blob => blob.Digest, blob => blob.Size));
}
