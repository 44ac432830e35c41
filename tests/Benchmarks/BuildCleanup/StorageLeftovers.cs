using Azure;
using Azure.Data.Tables;

namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// Removes from every table of the storage account the rows a variant's run left: its workspace's partition (the
/// accounting's kept images and untracked manifests, the cleanup history and lease) and its build's (the task hub's
/// history and instance rows), once the run has been verified. Azurite keeps a table as one collection: it answers every
/// query by scanning the whole table, and finding, writing or removing a row costs in proportion to the table, not to the
/// partition. So the rows of earlier runs made a later run's storage work slower: with 2,160 digests a round, the seed's
/// loop spent 11 ms of Azurite's CPU per deletion in the first round and 37 ms in the fourth, and every cleanup (its
/// records' query, its untracks' transactions, each orchestration episode's history query) paid the same way while the
/// raw loop, which stores nothing, did not. A storage account's partitions do not cost each other that, so each run
/// starts from tables of the same size instead.
/// </summary>
internal sealed class StorageLeftovers(string storageConnectionString)
{
    private const int TransactionSize = 100;

    /// <summary>Deletes every row of these partitions in every table; the count of rows deleted.</summary>
    public async Task<int> RemoveAsync(IReadOnlyCollection<string> partitions, CancellationToken cancellationToken)
    {
        var service = new TableServiceClient(storageConnectionString);
        var removed = 0;
        await foreach (var table in service.QueryAsync(cancellationToken: cancellationToken))
        {
            var client = service.GetTableClient(table.Name);
            foreach (var partition in partitions)
            {
                var keys = new List<string>();
                await foreach (var row in client.QueryAsync<TableEntity>(entity => entity.PartitionKey == partition, select: ["RowKey"], cancellationToken: cancellationToken))
                {
                    keys.Add(row.RowKey);
                }

                foreach (var chunk in keys.Chunk(TransactionSize))
                {
                    await client.SubmitTransactionAsync(chunk.Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, key), ETag.All)), cancellationToken);
                    removed += chunk.Length;
                }
            }
        }

        return removed;
    }
}
