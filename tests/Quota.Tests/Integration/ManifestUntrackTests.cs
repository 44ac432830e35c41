using Microsoft.Extensions.Logging.Abstractions;
using Orbit.Quota.Storage;
using Orbit.Quota.Usage;
using Orbit.Registry.References;

namespace Orbit.Quota.Tests.Integration;

/// <summary>Two callers untracking the same deleted manifest (a cleanup and the registry's delete event): the second learns what the first freed.</summary>
[Collection(QuotaAppCollection.Name)]
public sealed class ManifestUntrackTests(QuotaAppFixture fixture)
{
    [Fact]
    public async Task Whoever_untracks_a_manifest_second_learns_the_bytes_the_first_freed_if_it_was_since_the_given_time()
    {
        var store = new UsageStore(fixture.UsageTable, NullLogger<UsageStore>.Instance);
        var (workspace, images) = await UsageTableSeeder.SeedAsync(store, 6);
        var planned = DateTimeOffset.UtcNow.AddSeconds(-5);
        var image = images[0];

        var first = await UntrackAsync(store, workspace, image, planned);
        var second = await UntrackAsync(store, workspace, image, planned);
        var tooLate = await UntrackAsync(store, workspace, image, DateTimeOffset.UtcNow.AddSeconds(5));

        Assert.Equal((image.Tag.Value, image.Blobs.Values.Min(), true), (string.Join(",", first!.Tags), first.FreedBytes, first.ByThisCall));
        Assert.Equal((image.Tag.Value, first.FreedBytes, false), (string.Join(",", second!.Tags), second.FreedBytes, second.ByThisCall));
        Assert.Null(tooLate);
    }

    [Fact]
    public async Task Two_untracks_of_one_manifest_in_the_same_turn_report_the_same_bytes_once_freed()
    {
        var store = new UsageStore(fixture.UsageTable, NullLogger<UsageStore>.Instance);
        var (workspace, images) = await UsageTableSeeder.SeedAsync(store, 6);
        var usageBefore = (await store.GetUsageAsync(workspace, CancellationToken.None))!.UsedBytes;
        var image = images[1];

        var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => UntrackAsync(store, workspace, image, DateTimeOffset.MinValue)));

        Assert.Single(both, untrack => untrack!.ByThisCall);
        Assert.All(both, untrack => Assert.Equal(image.Blobs.Values.Min(), untrack!.FreedBytes));
        Assert.Equal(usageBefore - image.Blobs.Values.Min(), (await store.GetUsageAsync(workspace, CancellationToken.None))!.UsedBytes);
    }

    [Fact]
    public async Task The_records_of_manifest_untracks_are_purged_once_old_and_never_counted_as_usage()
    {
        var store = new UsageStore(fixture.UsageTable, NullLogger<UsageStore>.Instance);
        var (workspace, images) = await UsageTableSeeder.SeedAsync(store, 6);
        await UntrackAsync(store, workspace, images[2], DateTimeOffset.MinValue);
        var expected = images.Skip(3).Append(images[0]).Append(images[1]).SelectMany(image => image.Blobs).DistinctBy(blob => blob.Key).Sum(blob => blob.Value);
        await UntrackAsync(store, workspace, images[3], DateTimeOffset.MinValue);
        var recount = await fixture.RecountAsync(workspace.Value);

        Assert.Equal(0, await store.PurgeUntrackedManifestsAsync(workspace, DateTimeOffset.UtcNow.AddMinutes(-5), CancellationToken.None));
        Assert.Equal(2, await store.PurgeUntrackedManifestsAsync(workspace, DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None));
        Assert.Null(await UntrackAsync(store, workspace, images[2], DateTimeOffset.MinValue));
        Assert.Equal(recount, await fixture.RecountAsync(workspace.Value));
        Assert.Equal((expected - images[3].Blobs.Values.Min(), 4), recount);
    }

    private static async Task<ManifestUntrack?> UntrackAsync(UsageStore store, Orbit.Quota.Workspaces.WorkspaceId workspace, ImageRecord image, DateTimeOffset since) =>
        (await store.UntrackManifestsAsync(workspace, [(image.Repository, image.Digest, (IReadOnlyList<Tag>)[image.Tag])], since, CancellationToken.None))[0];
}
