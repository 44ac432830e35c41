using Azure;
using CsCheck;
using Orbit.Quota.Storage;
using Orbit.Quota.Tests.Cleanup;
using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Quota.Tests.Storage;

public sealed class WorkspaceSnapshotTests
{
    [Fact]
    public void A_snapshot_kept_through_tracks_repushes_and_untracks_finds_what_one_dictionary_of_every_record_finds()
    {
        Gen.Select(RandomWorkspace.Gen, Gen.Int, Gen.Int[0, 100], Gen.Int[0, 100]).Sample((workspace, seed, repushPercent, untrackPercent) =>
        {
            var random = new Random(seed);
            var images = workspace.Images.OrderBy(_ => random.Next()).ToList();
            var firstHalf = images.Take(images.Count / 2).ToList();
            // The oracle: every record under its repository and tag, in one flat dictionary.
            var records = firstHalf.ToDictionary(image => (image.Repository, image.Tag));
            var counts = UsageAccounting.CountsOf(firstHalf) ?? throw new InvalidOperationException("the random workspace gives a blob two sizes");
            var usage = new WorkspaceUsage(workspace.Usage.Id, workspace.Usage.Policy, counts.Values.Sum(count => count.Size), records.Count);
            var snapshot = WorkspaceSnapshot.Of(new ETag("0"), usage, firstHalf, counts);
            var commits = 0;

            void Commit(UsageChange change, Action onRecords)
            {
                onRecords();
                snapshot = snapshot.After(change, new ETag($"{++commits}"));
                usage = change.Usage;
                counts = UsageAccounting.CountsOf(records.Values)!;
                AssertSameAs(records, counts, usage, snapshot, $"{commits}", images);
            }

            foreach (var image in images.Skip(firstHalf.Count))
            {
                var change = UsageAccounting.Track(usage, records.GetValueOrDefault((image.Repository, image.Tag)), image, counts);
                Commit(change, () => records[(image.Repository, image.Tag)] = image);
            }

            foreach (var image in images.Take(images.Count * repushPercent / 100))
            {
                var other = images[random.Next(images.Count)];
                var repushed = image with { Digest = other.Digest, Blobs = other.Blobs };
                var change = UsageAccounting.Track(usage, records.GetValueOrDefault((image.Repository, image.Tag)), repushed, counts);
                Commit(change, () => records[(image.Repository, image.Tag)] = repushed);
            }

            var untracked = records.Values.OrderBy(_ => random.Next()).Take(records.Count * untrackPercent / 100).ToList();
            foreach (var batch in untracked.Chunk(10))
            {
                var change = UsageAccounting.UntrackEach(usage, batch.Chunk(3).Select(group => (IReadOnlyList<ImageRecord>)group).ToList(), counts).Combined;
                Commit(change, () => batch.ToList().ForEach(record => records.Remove((record.Repository, record.Tag))));
            }
        }, iter: 300);
    }

    private static void AssertSameAs(
        Dictionary<(RepositoryName Repository, Tag Tag), ImageRecord> records, IReadOnlyDictionary<Digest, BlobReferenceCount> counts, WorkspaceUsage usage,
        WorkspaceSnapshot snapshot, string etag, IReadOnlyList<ImageRecord> everyImage)
    {
        Assert.Equal(etag, snapshot.ETag.ToString());
        Assert.Equal(usage, snapshot.Usage);
        Assert.Equal(records.Count, snapshot.ImageCount);
        // Every tag the workspace ever had, those untracked since included.
        foreach (var key in everyImage.Select(image => (image.Repository, image.Tag)))
        {
            Assert.Equal(records.GetValueOrDefault(key), snapshot.Find(key));
        }

        // Every repository the workspace ever had, those left empty included, and one it never had.
        var repositories = everyImage.Select(image => image.Repository).Append(RepositoryName.Parse("ws/never")).Distinct().ToList();
        foreach (var repository in repositories)
        {
            Assert.Equal(
                records.Values.Where(record => record.Repository == repository).OrderBy(record => record.Tag.Value, StringComparer.Ordinal),
                snapshot.In([repository, repository]).OrderBy(record => record.Tag.Value, StringComparer.Ordinal));
        }

        Assert.Equal(counts.OrderBy(entry => entry.Key.Value, StringComparer.Ordinal), snapshot.Counts.OrderBy(entry => entry.Key.Value, StringComparer.Ordinal));
    }
}
