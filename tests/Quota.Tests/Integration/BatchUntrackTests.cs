using System.Collections.Immutable;
using Microsoft.Extensions.Logging.Abstractions;
using Orbit.Quota.Storage;
using Orbit.Quota.Tests.Builds;
using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Quota.Tests.Integration;

[Collection(QuotaAppCollection.Name)]
public sealed class BatchUntrackTests(QuotaAppFixture fixture)
{
    [Fact]
    public async Task A_batch_untrack_across_repositories_frees_only_unshared_blobs_and_leaves_the_aggregate_equal_to_a_recount()
    {
        var store = new UsageStore(fixture.UsageTable, NullLogger<UsageStore>.Instance);
        var (workspace, images) = await UsageTableSeeder.SeedAsync(store, 36);

        // 30 digests in one commit: more image rows and blob rows than point reads or one keyed query cover.
        var deleted = images.Take(30).ToList();
        var changes = await store.UntrackEachAsync(workspace, Groups(deleted), CancellationToken.None);

        Assert.Equal(deleted.Select(image => (long?)image.Blobs.Values.Min()).ToList(), changes.Select(change => change?.FreedBytes).ToList());
        var kept = images.Skip(30).ToList();
        var expected = kept.SelectMany(image => image.Blobs).DistinctBy(blob => blob.Key).Sum(blob => blob.Value);
        var usage = await store.GetUsageAsync(workspace, CancellationToken.None);
        Assert.Equal(expected, usage?.UsedBytes);
        Assert.Equal(kept.Count, usage?.ImageCount);
        Assert.Equal(
            kept.Select(image => image.Tag.Value).Order(),
            (await UsageTableSeeder.ReadAsThePlannerAsync(store, workspace)).Select(record => record.Tag.Value).Order());

        Assert.Equal((expected, kept.Count), await fixture.RecountAsync(workspace.Value));
    }

    [Fact]
    public async Task A_batch_too_large_for_one_transaction_commits_in_consistent_parts_on_one_read_without_a_journal()
    {
        var (store, counter) = UsageTableSeeder.CountingStore(fixture);
        var (workspace, images) = await UsageTableSeeder.SeedAsync(store, 120);

        // 90 digests: two rows and a blob row each, plus the shared blob rows, are 273 row writes, three transactions' worth.
        counter.Clear();
        var deleted = images.Take(90).ToList();
        var changes = await store.UntrackEachAsync(workspace, Groups(deleted), CancellationToken.None);

        Assert.Equal(deleted.Select(image => (long?)image.Blobs.Values.Min()).ToList(), changes.Select(change => change?.FreedBytes).ToList());
        Assert.Equal(3, counter.Transactions);

        // One read of the workspace row, one query per repository, one keyed query per 14 blobs: each commit chains on
        // the ETag the one before returned, so nothing is read again.
        Assert.Equal(1 + 3 + (int)Math.Ceiling(93 / 14.0), counter.Reads);
        var kept = images.Skip(90).ToList();
        var expected = kept.SelectMany(image => image.Blobs).DistinctBy(blob => blob.Key).Sum(blob => blob.Value);
        Assert.Equal((expected, kept.Count), await fixture.RecountAsync(workspace.Value));
        Assert.Equal(expected, (await store.GetUsageAsync(workspace, CancellationToken.None))?.UsedBytes);
        Assert.False((await fixture.UsageTable.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(workspace.Value, "journal")).HasValue);
    }

    [Fact]
    public async Task After_a_plan_is_read_the_deletions_in_the_same_process_read_only_the_workspace_row_once_and_commit_over_the_snapshot()
    {
        var (store, counter) = UsageTableSeeder.CountingStore(fixture);
        var (workspace, images) = await UsageTableSeeder.SeedAsync(store, 36);
        await UsageTableSeeder.ReadAsThePlannerAsync(store, workspace);

        var stored = await new UsageStore(fixture.UsageTable, NullLogger<UsageStore>.Instance).ListRepositoryImagesAsync(workspace, images[0].Repository, CancellationToken.None);

        counter.Clear();
        var fromSnapshot = await store.ListRepositoriesImagesAsync(workspace, [images[0].Repository], CancellationToken.None);
        var changes = await store.UntrackEachAsync(workspace, Groups(images.Take(30)), CancellationToken.None);

        // The list reads the workspace row to tell the snapshot is current; the commit writes over the snapshot's ETag unread.
        Assert.Equal((1, 1), (counter.Reads, counter.Transactions));
        Assert.Equal(stored.Select(record => record.Tag.Value).Order(), fromSnapshot.Select(record => record.Tag.Value).Order());
        Assert.Equal(images.Take(30).Select(image => (long?)image.Blobs.Values.Min()).ToList(), changes.Select(change => change?.FreedBytes).ToList());
        var kept = images.Skip(30).ToList();
        Assert.Equal((kept.SelectMany(image => image.Blobs).DistinctBy(blob => blob.Key).Sum(blob => blob.Value), kept.Count), await fixture.RecountAsync(workspace.Value));
    }

    [Fact]
    public async Task A_snapshot_is_not_used_once_another_instance_changed_the_workspace()
    {
        var (store, counter) = UsageTableSeeder.CountingStore(fixture);
        var other = new UsageStore(fixture.UsageTable, NullLogger<UsageStore>.Instance);
        var (workspace, images) = await UsageTableSeeder.SeedAsync(store, 12);
        await UsageTableSeeder.ReadAsThePlannerAsync(store, workspace);

        // The other instance takes the last image away, so the shared layers now have one reference fewer than the
        // snapshot says; it also tracks an image with a layer of its own.
        await other.UntrackAsync(workspace, [(images[^1].Repository, images[^1].Tag)], CancellationToken.None);
        var added = images[0] with { Tag = Tag.Parse("other"), Digest = Digest.Sha256Of([7]), Blobs = ImmutableDictionary<Digest, long>.Empty.Add(Digest.Sha256Of([8]), 555) };
        await other.TrackAsync(added, fromEvent: false, CancellationToken.None);

        counter.Clear();
        var changes = await store.UntrackEachAsync(workspace, Groups(images.Take(11)), CancellationToken.None);

        Assert.True(counter.Reads > 1, "the stale snapshot must not spare the reads");
        Assert.Equal(images.Take(11).Select(image => (long?)image.Blobs.Values.Sum()).Last(), changes[^1]?.FreedBytes);
        Assert.Equal((555L, 1), await fixture.RecountAsync(workspace.Value));
        Assert.Equal(555L, (await store.GetUsageAsync(workspace, CancellationToken.None))?.UsedBytes);
    }

    [Fact]
    public async Task A_row_read_that_raced_this_processs_own_commit_does_not_cost_the_snapshot()
    {
        // The workspace row's reads answer 300 ms late once slowed: a batch's read of its records is overtaken by another
        // batch's commit, as in a cleanup whose batches read while others commit.
        var slowed = false;
        var timeline = new StorageRequestTimeline(
            request => Volatile.Read(ref slowed) && request.Method == Azure.Core.RequestMethod.Get && request.Uri.Path.Contains("RowKey='workspace'", StringComparison.Ordinal),
            TimeSpan.FromMilliseconds(300));
        var options = new Azure.Data.Tables.TableClientOptions();
        options.AddPolicy(timeline, Azure.Core.HttpPipelinePosition.PerCall);
        var store = new UsageStore(new Azure.Data.Tables.TableClient(fixture.Azurite.ConnectionString, fixture.UsageTableName, options), NullLogger<UsageStore>.Instance);
        var (workspace, images) = await UsageTableSeeder.SeedAsync(store, 12);
        await UsageTableSeeder.ReadAsThePlannerAsync(store, workspace);

        Volatile.Write(ref slowed, true);
        var listing = store.ListRepositoriesImagesAsync(workspace, [images[^1].Repository], CancellationToken.None);
        await store.UntrackEachAsync(workspace, Groups(images.Take(2)), CancellationToken.None);
        var listed = await listing;
        Volatile.Write(ref slowed, false);

        // The late read saw the row before the commit: it read the records itself, and the snapshot, current, stays.
        Assert.Contains(listed, record => record.Tag == images[^1].Tag);
        var seen = timeline.Requests.Count;
        var after = await store.ListRepositoriesImagesAsync(workspace, [images[0].Repository], CancellationToken.None);
        var read = Assert.Single(timeline.Requests.Skip(seen));
        Assert.Contains("RowKey='workspace'", read.Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.DoesNotContain(after, record => record.Tag == images[0].Tag || record.Tag == images[1].Tag);
    }

    private static List<IReadOnlyList<(RepositoryName, Tag)>> Groups(IEnumerable<ImageRecord> images) =>
        images.Select(image => (IReadOnlyList<(RepositoryName, Tag)>)[(image.Repository, image.Tag)]).ToList();
}
