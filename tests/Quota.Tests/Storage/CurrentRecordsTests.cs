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
/// <see cref="UsageStore.ReadCurrentRecordsAsync"/> against a real Azurite: the last read is handed out again only while
/// nothing changed the workspace, so a dry run never works from records that are no longer there.
/// </summary>
public sealed class CurrentRecordsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task The_last_read_is_handed_out_again_until_a_track_or_an_untrack_changes_the_workspace_and_then_the_records_as_they_are()
    {
        var store = new UsageStore(new TableClient(azurite.ConnectionString, TestNames.Table("current")), NullLogger<UsageStore>.Instance);
        var workspace = WorkspaceId.TryParse(FunctionAppFixture.NewWorkspace(), out var id) ? id : throw new InvalidOperationException();
        await store.SetPolicyAsync(workspace, new QuotaPolicy(1_000_000_000), CancellationToken.None);
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

    private static ImageRecord Image(WorkspaceId workspace, int index) => new(
        workspace, "api", RepositoryName.Parse($"{workspace}/api"), Tag.Parse($"v{index}"), Digest.Sha256Of([4, (byte)index]), "application/vnd.oci.image.manifest.v1+json",
        DateTimeOffset.UtcNow, ImmutableDictionary<Digest, long>.Empty.Add(Digest.Sha256Of([5, (byte)index]), 1_000L + index));
}
