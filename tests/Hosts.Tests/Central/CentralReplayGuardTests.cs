using Azure.Data.Tables;
using Orbit.Hosts.Storage;
using Orbit.Testing;

namespace Orbit.Hosts.Tests.Central;

[Collection(CentralAppCollection.Name)]
public sealed class CentralReplayGuardTests(CentralAppFixture fixture)
{
    [Fact]
    public async Task Purging_deletes_only_expired_signatures_and_a_live_one_still_counts_as_a_replay()
    {
        var table = new TableClient(fixture.Azurite.ConnectionString, TestNames.Table("sigs"));
        var guard = new TableReplayGuard(table);
        var now = DateTimeOffset.UtcNow;
        Assert.True(await guard.TryRecordAsync("build-01", "AA01", now.AddMinutes(-1), CancellationToken.None));
        Assert.True(await guard.TryRecordAsync("build-02", "bb02", now.AddMinutes(-10), CancellationToken.None));
        Assert.True(await guard.TryRecordAsync("build-01", "cc03", now.AddMinutes(4), CancellationToken.None));

        var purged = await guard.PurgeExpiredAsync(now, CancellationToken.None);

        Assert.Equal(2, purged);
        var left = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            left.Add($"{row.PartitionKey}/{row.RowKey}");
        }

        Assert.Equal(["build-01/cc03"], left);
        Assert.False(await guard.TryRecordAsync("build-01", "CC03", now.AddMinutes(4), CancellationToken.None));
    }
}
