using System.Collections.Immutable;
using Azure.Core;
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
/// Reads of a workspace's records against a real Azurite: the blob counts come from the image records, equal to what
/// the blob rows hold, and <see cref="UsageStore.ReadCurrentRecordsAsync"/> hands the last read out again only while
/// nothing changed the workspace, so a dry run never works from records that are no longer there.
/// </summary>
public sealed class RecordsReadTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_workspaces_records_give_the_blob_counts_its_rows_hold_and_are_read_without_those_rows()
    {
        var (store, workspace, table) = await NewWorkspaceAsync();
        const int images = 450;
        var shared = Digest.Sha256Of([7]);
        for (var index = 0; index < images; index++)
        {
            await store.TrackAsync(Image(workspace, index, shared), fromEvent: false, CancellationToken.None);
        }

        // Untracked and pushed again, so that the rows hold counts that went down and up.
        await store.UntrackAsync(workspace, Enumerable.Range(0, 50).Select(index => (RepositoryName.Parse($"{workspace}/api"), Tag.Parse($"v{index}"))).ToList(), CancellationToken.None);
        await store.TrackAsync(Image(workspace, 1, shared) with { Tag = Tag.Parse("v2") }, fromEvent: false, CancellationToken.None);
        var counter = new StorageRequestCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        var counted = new UsageStore(new TableClient(azurite.ConnectionString, table.Name, options), NullLogger<UsageStore>.Instance);

        var read = await counted.ReadRecordsAsync(workspace, CancellationToken.None);

        Assert.Equal(Enumerable.Range(50, images - 50).Select(index => $"v{index}").Append("v2").Order(StringComparer.Ordinal), read!.Images.Select(image => image.Tag.Value).Order(StringComparer.Ordinal));
        var rows = new Dictionary<Digest, BlobReferenceCount>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(
            $"PartitionKey eq {workspace.Value} and RowKey ge {UsageRows.BlobPrefix} and RowKey lt {UsageRows.PrefixEnd(UsageRows.BlobPrefix)}")))
        {
            rows[Digest.Parse(row.RowKey[UsageRows.BlobPrefix.Length..])] = UsageRows.ReadBlob(row);
        }

        Assert.Equal(images - 49, rows[shared].References);
        // What the snapshot the cleanup's commits work over keeps (UsageStore.ConfirmAsync).
        var counts = UsageAccounting.CountsOf(read.Images)!;
        Assert.Equal(rows.OrderBy(entry => entry.Key.Value), counts.OrderBy(entry => entry.Key.Value));
        Assert.Equal(read.Usage.UsedBytes, counts.Values.Sum(count => count.Size));
        // The workspace row and one page of image rows: the blob rows, as many again, are not read.
        Assert.Equal(2, counter.Reads);
    }

    [Fact]
    public async Task The_last_read_is_handed_out_again_until_a_track_or_an_untrack_changes_the_workspace_and_then_the_records_as_they_are()
    {
        var (store, workspace, _) = await NewWorkspaceAsync();
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

    private async Task<(UsageStore Store, WorkspaceId Workspace, TableClient Table)> NewWorkspaceAsync()
    {
        var table = new TableClient(azurite.ConnectionString, TestNames.Table("records"));
        var store = new UsageStore(table, NullLogger<UsageStore>.Instance);
        var workspace = WorkspaceId.TryParse(FunctionAppFixture.NewWorkspace(), out var id) ? id : throw new InvalidOperationException();
        await store.SetPolicyAsync(workspace, new QuotaPolicy(1_000_000_000), CancellationToken.None);
        return (store, workspace, table);
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
