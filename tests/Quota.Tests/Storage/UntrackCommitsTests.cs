using Orbit.Quota.Storage;
using Orbit.Quota.Usage;
using Orbit.Registry.References;
using static Orbit.Quota.Tests.Cleanup.Images;

namespace Orbit.Quota.Tests.Storage;

public sealed class UntrackCommitsTests
{
    private static readonly Digest Base = Named("base");

    [Fact]
    public void Consecutive_groups_share_a_commit_until_the_next_would_pass_the_limit_and_each_commit_ends_on_its_last_groups_usage()
    {
        // Each group: two image rows, one blob of its own, and the shared base layer.
        var (perGroup, _) = Untrack(Enumerable.Range(0, 10).Select(i => Versions(i, 1)).ToList());

        var commits = UntrackCommits.Split(perGroup, rowLimit: 13);

        // 4 groups are 4 x 3 rows + the base row = 13; a fifth would be 16.
        Assert.Equal([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]], commits.Select(commit => commit.Groups.ToArray()).ToArray());
        Assert.All(commits, commit => Assert.True(RowsOf(commit.Change) <= 13));
        Assert.Equal(commits.Select(commit => perGroup[commit.Groups[^1]]!.Usage), commits.Select(commit => commit.Change.Usage));
        Assert.Equal(0, commits[^1].Change.BlobCounts[Base].References);
        Assert.Equal(2, commits[1].Change.BlobCounts[Base].References);
    }

    [Fact]
    public void A_group_larger_than_the_limit_goes_alone_and_groups_with_nothing_to_untrack_are_left_out()
    {
        var (perGroup, _) = Untrack([Versions(0, 1), [], Versions(1, 6), Versions(7, 1)]);

        var commits = UntrackCommits.Split(perGroup, rowLimit: 10);

        Assert.Equal([[0], [2], [3]], commits.Select(commit => commit.Groups.ToArray()).ToArray());
        Assert.True(RowsOf(commits[1].Change) > 10);
    }

    private static int RowsOf(UsageChange change) => change.ImagesRemoved.Count * 2 + change.BlobCounts.Count;

    private static (IReadOnlyList<UsageChange?> PerGroup, UsageChange Combined) Untrack(List<IReadOnlyList<ImageRecord>> groups)
    {
        var images = groups.SelectMany(group => group).ToList();
        var references = images.SelectMany(image => image.Blobs).GroupBy(blob => blob.Key)
            .ToDictionary(blob => blob.Key, blob => new BlobReferenceCount(blob.First().Value, blob.Count()));
        return UsageAccounting.UntrackEach(UsageOf(images, quotaBytes: 1_000_000), groups, references);
    }

    /// <summary>Tags v<paramref name="first"/> on of one app, each with a layer of its own on the shared base.</summary>
    private static IReadOnlyList<ImageRecord> Versions(int first, int count) => Enumerable.Range(first, count)
        .Select(i => Image("api", $"v{i}", i, $"manifest-{i}", [("base", 1_000), ($"own-{i}", 10 + i)]))
        .ToList();
}
