using System.Collections.Immutable;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Orbit.Quota.Storage;
using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;
using Orbit.Testing;

namespace Orbit.Quota.Tests.Integration;

[Collection(QuotaAppCollection.Name)]
public sealed class ConcurrentStoresTests(QuotaAppFixture fixture)
{
    [Fact]
    public async Task Two_instances_tracking_into_one_workspace_at_once_keep_the_aggregate_equal_to_a_recount()
    {
        // Two stores stand for two app instances: each takes turns only with itself, so they really race on the ETag.
        var table = new TableClient(fixture.Azurite.ConnectionString, TestNames.Table("stores"));
        var first = new UsageStore(table, NullLogger<UsageStore>.Instance);
        var second = new UsageStore(table, NullLogger<UsageStore>.Instance);
        var workspace = WorkspaceId.TryParse(FunctionAppFixture.NewWorkspace(), out var id) ? id : throw new InvalidOperationException();
        await first.SetPolicyAsync(workspace, new QuotaPolicy(1_000_000_000), CancellationToken.None);
        var shared = Enumerable.Range(0, 3).Select(i => (Digest.Sha256Of([1, (byte)i]), 10_000L + i)).ToList();
        var images = Enumerable.Range(0, 40).Select(i => new ImageRecord(
            workspace, "app", RepositoryName.Parse($"{workspace}/app"), Tag.Parse($"v{i}"), Digest.Sha256Of([2, (byte)i]), "application/vnd.oci.image.manifest.v1+json",
            DateTimeOffset.UtcNow, shared.Append((Digest.Sha256Of([3, (byte)i]), 100L + i)).ToImmutableDictionary(blob => blob.Item1, blob => blob.Item2))).ToList();

        await Task.WhenAll(images.Select((image, i) => (i % 2 == 0 ? first : second).TrackAsync(image, fromEvent: false, CancellationToken.None)));

        var expected = images.SelectMany(image => image.Blobs).DistinctBy(blob => blob.Key).Sum(blob => blob.Value);
        var usage = await first.GetUsageAsync(workspace, CancellationToken.None);
        Assert.Equal(expected, usage?.UsedBytes);
        Assert.Equal(40, usage?.ImageCount);
        long recounted = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(row => row.PartitionKey == workspace.Value))
        {
            if (row.RowKey.StartsWith("blob|", StringComparison.Ordinal))
            {
                recounted += row.GetInt64("Size") ?? 0;
                Assert.True(row.GetInt32("References") is > 0 and <= 40);
            }
        }

        Assert.Equal(expected, recounted);
    }
}
