using Azure;
using Azure.Data.Tables;
using Orbit.Hosts.Reports;

namespace Orbit.Hosts.Storage;

/// <summary>
/// Accepted report signatures in a table, one insert-only row per host and signature: the insert of a second copy fails
/// with 409 on whichever instance receives it, so a replay is caught across instances. Rows expire logically (the
/// verifier's timestamp check refuses a signature before asking here once its timestamp is stale);
/// <see cref="PurgeExpiredAsync"/> removes them to keep the table small.
/// </summary>
public sealed class TableReplayGuard(TableClient table) : IReplayGuard
{
    private readonly Lazy<Task> created = new(() => table.CreateIfNotExistsAsync());

    public async ValueTask<bool> TryRecordAsync(string hostId, string signature, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await created.Value.ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(new TableEntity(hostId, signature.ToLowerInvariant()) { ["ExpiresAt"] = expiresAt }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Deletes the rows that expired before <paramref name="now"/>; the number deleted.</summary>
    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await created.Value.ConfigureAwait(false);
        var deleted = 0;
        var filter = TableClient.CreateQueryFilter($"ExpiresAt lt {now}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
                deleted++;
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
                // Another instance purged it first.
            }
        }

        return deleted;
    }
}
