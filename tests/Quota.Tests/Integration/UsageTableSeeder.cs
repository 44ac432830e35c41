using System.Collections.Immutable;
using Microsoft.Extensions.Logging.Abstractions;
using Orbit.Quota.Storage;
using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Quota.Tests.Integration;

/// <summary>Workspaces tracked straight into the usage table, and a store that counts its storage requests.</summary>
internal static class UsageTableSeeder
{
    /// <summary>Images in three repositories, each with a blob of its own and three layers all share (90,003 bytes).</summary>
    public static async Task<(WorkspaceId Workspace, List<ImageRecord> Images)> SeedAsync(UsageStore store, int count, long quotaBytes = 1_000_000_000)
    {
        var workspace = WorkspaceId.TryParse(FunctionAppFixture.NewWorkspace(), out var id) ? id : throw new InvalidOperationException();
        await store.SetPolicyAsync(workspace, new QuotaPolicy(quotaBytes), CancellationToken.None);
        var images = Enumerable.Range(0, count).Select(i => Image(workspace, i, 100L + i)).ToList();
        foreach (var image in images)
        {
            await store.TrackAsync(image, fromEvent: false, CancellationToken.None);
        }

        return (workspace, images);
    }

    /// <summary>Image <paramref name="index"/> of the seeded shape: in repository <c>app{index % 3}</c>, with a blob of its own of <paramref name="ownBytes"/>.</summary>
    public static ImageRecord Image(WorkspaceId workspace, int index, long ownBytes)
    {
        var shared = Enumerable.Range(0, 3).Select(i => (Digest: Digest.Sha256Of([10, (byte)i]), Size: 30_000L + i));
        return new ImageRecord(
            workspace, $"app{index % 3}", RepositoryName.Parse($"{workspace}/app{index % 3}"), Tag.Parse($"v{index}"), Digest.Sha256Of([11, (byte)index]),
            "application/vnd.oci.image.manifest.v1+json", DateTimeOffset.UtcNow,
            shared.Append((Digest: Digest.Sha256Of([12, (byte)index]), Size: ownBytes)).ToImmutableDictionary(blob => blob.Digest, blob => blob.Size));
    }

    /// <summary>Every record of the workspace, read and confirmed as the cleanup planner does, so the store keeps it as its snapshot.</summary>
    public static async Task<IReadOnlyList<ImageRecord>> ReadAsThePlannerAsync(UsageStore store, WorkspaceId workspace)
    {
        var read = await store.ReadRecordsAsync(workspace, CancellationToken.None) ?? throw new UnknownWorkspaceException(workspace);
        await store.ConfirmAsync(workspace, read, CancellationToken.None);
        return read.Images;
    }

    public static (UsageStore Store, StorageRequestCounter Counter) CountingStore(QuotaAppFixture fixture)
    {
        var counter = new StorageRequestCounter();
        var options = new Azure.Data.Tables.TableClientOptions();
        options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerCall);
        return (new UsageStore(new Azure.Data.Tables.TableClient(fixture.Azurite.ConnectionString, fixture.UsageTableName, options), NullLogger<UsageStore>.Instance), counter);
    }
}
