using System.Collections.Immutable;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Orbit.Quota.Storage;
using Orbit.Quota.Tests.Integration;
using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;
using Orbit.Testing;

namespace Orbit.Quota.Tests.Storage;

/// <summary>
/// Reads of a workspace's records against a real Azurite: a large workspace is read in several ranges at once
/// (<see cref="RecordRanges"/>), and <see cref="UsageStore.ReadCurrentRecordsAsync"/> hands the last read out again only
/// while nothing changed the workspace, so a dry run never works from records that are no longer there.
/// </summary>
public sealed class RecordsReadTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_workspace_read_in_several_ranges_has_every_image_and_every_blob_count_once()
    {
        var (store, workspace) = await NewWorkspaceAsync();
        const int images = 450;
        Assert.True(RecordRanges.BlobRangeCount(images) > 1);
        var shared = Digest.Sha256Of([7]);
        for (var index = 0; index < images; index++)
        {
            await store.TrackAsync(Image(workspace, index, shared), fromEvent: false, CancellationToken.None);
        }

        var read = await store.ReadRecordsAsync(workspace, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, images).Select(index => $"v{index}").Order(StringComparer.Ordinal), read!.Images.Select(image => image.Tag.Value).Order(StringComparer.Ordinal));
        var counts = read.Counts!.ToDictionary(count => count.Digest, count => count.Count.References);
        Assert.Equal(images + 1, counts.Count);
        Assert.Equal(images, counts[shared]);
        Assert.All(Enumerable.Range(0, images), index => Assert.Equal(1, counts[Own(index)]));
        Assert.Equal(images, read.Usage.ImageCount);
    }

    [Fact]
    public async Task The_last_read_is_handed_out_again_until_a_track_or_an_untrack_changes_the_workspace_and_then_the_records_as_they_are()
    {
        var (store, workspace) = await NewWorkspaceAsync();
        for (var index = 0; index < 3; index++)
        {
            await store.TrackAsync(Image(workspace, index), fromEvent: false, CancellationToken.None);
        }

        var first = await store.ReadCurrentRecordsAsync(workspace, CancellationToken.None);
        var again = await store.ReadCurrentRecordsAsync(workspace, CancellationToken.None);

        Assert.Equal(["v0", "v1", "v2"], first!.Images.Select(image => image.Tag.Value).Order());
        Assert.Same(first, again);

        await store.TrackAsync(Image(workspace, 3), fromEvent: false, CancellationToken.None);
        var afterTrack = await store.ReadCurrentRecordsAsync(workspace, CancellationToken.None);

        Assert.NotSame(first, afterTrack);
        Assert.Equal(["v0", "v1", "v2", "v3"], afterTrack!.Images.Select(image => image.Tag.Value).Order());
        Assert.Equal(4, afterTrack.Usage.ImageCount);
        Assert.Equal((await store.GetUsageAsync(workspace, CancellationToken.None))!.UsedBytes, afterTrack.Usage.UsedBytes);

        await store.UntrackAsync(workspace, [(RepositoryName.Parse($"{workspace}/api"), Tag.Parse("v0"))], CancellationToken.None);
        var afterUntrack = await store.ReadCurrentRecordsAsync(workspace, CancellationToken.None);

        Assert.Equal(["v1", "v2", "v3"], afterUntrack!.Images.Select(image => image.Tag.Value).Order());
        Assert.Same(afterUntrack, await store.ReadCurrentRecordsAsync(workspace, CancellationToken.None));
    }

    [Fact]
    public async Task Another_instance_changing_the_workspace_is_seen_by_the_next_read()
    {
        // Two stores stand for two app instances: the one that kept a read never saw the other's write.
        var table = new TableClient(azurite.ConnectionString, TestNames.Table("current"));
        var reader = new UsageStore(table, NullLogger<UsageStore>.Instance);
        var writer = new UsageStore(table, NullLogger<UsageStore>.Instance);
        var workspace = WorkspaceId.TryParse(FunctionAppFixture.NewWorkspace(), out var id) ? id : throw new InvalidOperationException();
        await writer.SetPolicyAsync(workspace, new QuotaPolicy(1_000_000_000), CancellationToken.None);
        await writer.TrackAsync(Image(workspace, 0), fromEvent: false, CancellationToken.None);
        Assert.Single((await reader.ReadCurrentRecordsAsync(workspace, CancellationToken.None))!.Images);

        await writer.TrackAsync(Image(workspace, 1), fromEvent: false, CancellationToken.None);

        Assert.Equal(2, (await reader.ReadCurrentRecordsAsync(workspace, CancellationToken.None))!.Images.Count);
        Assert.Null(await reader.ReadCurrentRecordsAsync(WorkspaceId.TryParse(FunctionAppFixture.NewWorkspace(), out var unknown) ? unknown : throw new InvalidOperationException(), CancellationToken.None));
    }

    private async Task<(UsageStore Store, WorkspaceId Workspace)> NewWorkspaceAsync()
    {
        var store = new UsageStore(new TableClient(azurite.ConnectionString, TestNames.Table("records")), NullLogger<UsageStore>.Instance);
        var workspace = WorkspaceId.TryParse(FunctionAppFixture.NewWorkspace(), out var id) ? id : throw new InvalidOperationException();
        await store.SetPolicyAsync(workspace, new QuotaPolicy(1_000_000_000), CancellationToken.None);
        return (store, workspace);
    }

    private static Digest Own(int index) => Digest.Sha256Of(BitConverter.GetBytes(index));

    /// <summary>Image <paramref name="index"/>, with a layer of its own on the <paramref name="shared"/> one.</summary>
    private static ImageRecord Image(WorkspaceId workspace, int index, Digest shared) => new(
        workspace, "api", RepositoryName.Parse($"{workspace}/api"), Tag.Parse($"v{index}"), Digest.Sha256Of([4, .. BitConverter.GetBytes(index)]), "application/vnd.oci.image.manifest.v1+json",
        DateTimeOffset.UtcNow, ImmutableDictionary<Digest, long>.Empty.Add(shared, 5_000L).Add(Own(index), 1_000L + index));

    private static ImageRecord Image(WorkspaceId workspace, int index) => new(
        workspace, "api", RepositoryName.Parse($"{workspace}/api"), Tag.Parse($"v{index}"), Digest.Sha256Of([4, (byte)index]), "application/vnd.oci.image.manifest.v1+json",
        DateTimeOffset.UtcNow, ImmutableDictionary<Digest, long>.Empty.Add(Digest.Sha256Of([5, (byte)index]), 1_000L + index));
}
