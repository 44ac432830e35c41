using System.Collections.Immutable;
using Microsoft.Extensions.Logging.Abstractions;
using Orbit.Quota.Storage;
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
        var workspace = WorkspaceId.TryParse(FunctionAppFixture.NewWorkspace(), out var id) ? id : throw new InvalidOperationException();
        await store.SetPolicyAsync(workspace, new QuotaPolicy(1_000_000_000), CancellationToken.None);

        // Three repositories of 12 images; every image has a blob of its own and the three layers all share.
        var shared = Enumerable.Range(0, 3).Select(i => (Digest: Digest.Sha256Of([1, (byte)i]), Size: 10_000L + i)).ToList();
        var images = Enumerable.Range(0, 36).Select(i => new ImageRecord(
            workspace, $"app{i % 3}", RepositoryName.Parse($"{workspace}/app{i % 3}"), Tag.Parse($"v{i}"), Digest.Sha256Of([2, (byte)i]),
            "application/vnd.oci.image.manifest.v1+json", DateTimeOffset.UtcNow,
            shared.Append((Digest.Sha256Of([3, (byte)i]), 100L + i)).ToImmutableDictionary(blob => blob.Item1, blob => blob.Item2))).ToList();
        foreach (var image in images)
        {
            await store.TrackAsync(image, CancellationToken.None);
        }

        // 30 digests in one commit: more image rows and blob rows than point reads or one keyed query cover.
        var deleted = images.Take(30).ToList();
        var changes = await store.UntrackEachAsync(
            workspace, deleted.Select(image => (IReadOnlyList<(RepositoryName, Tag)>)[(image.Repository, image.Tag)]).ToList(), CancellationToken.None);

        Assert.Equal(deleted.Select(image => (long?)image.Blobs.Values.Min()).ToList(), changes.Select(change => change?.FreedBytes).ToList());
        var kept = images.Skip(30).ToList();
        var expected = kept.SelectMany(image => image.Blobs).DistinctBy(blob => blob.Key).Sum(blob => blob.Value);
        var usage = await store.GetUsageAsync(workspace, CancellationToken.None);
        Assert.Equal(expected, usage?.UsedBytes);
        Assert.Equal(kept.Count, usage?.ImageCount);
        Assert.Equal(
            kept.Select(image => image.Tag.Value).Order(),
            (await store.ListAllImagesAsync(workspace, CancellationToken.None)).Select(record => record.Tag.Value).Order());

        Assert.Equal((expected, kept.Count), await fixture.RecountAsync(workspace.Value));
    }
}
