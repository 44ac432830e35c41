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

/// <summary><see cref="UsageStore.ReadRecordsAsync(WorkspaceId, CancellationToken)"/> against a real Azurite, where a large workspace is read in several ranges at once.</summary>
public sealed class RecordsReadTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_workspace_read_in_several_ranges_has_every_image_and_every_blob_count_once()
    {
        var store = new UsageStore(new TableClient(azurite.ConnectionString, TestNames.Table("records")), NullLogger<UsageStore>.Instance);
        var workspace = WorkspaceId.TryParse(FunctionAppFixture.NewWorkspace(), out var id) ? id : throw new InvalidOperationException();
        await store.SetPolicyAsync(workspace, new QuotaPolicy(1_000_000_000), CancellationToken.None);
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

    private static Digest Own(int index) => Digest.Sha256Of(BitConverter.GetBytes(index));

    private static ImageRecord Image(WorkspaceId workspace, int index, Digest shared) => new(
        workspace, "api", RepositoryName.Parse($"{workspace}/api"), Tag.Parse($"v{index}"), Digest.Sha256Of([4, .. BitConverter.GetBytes(index)]), "application/vnd.oci.image.manifest.v1+json",
        DateTimeOffset.UtcNow, ImmutableDictionary<Digest, long>.Empty.Add(shared, 5_000L).Add(Own(index), 1_000L + index));
}
