using Azure;
using Azure.Data.Tables;

namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// Removes from every table of the storage account the rows a round left: its workspaces' partitions (the accounting's
/// kept images and untracked manifests, the cleanup history and lease) and its builds' (the task hub's history and
/// instance rows), after the round has been verified. Azurite answers every table query by scanning the whole table, not
/// the partition asked for, so the rows of earlier rounds made each query of a later round slower: with 2,160 digests a
/// round, the seed's loop spent 11 ms of Azurite's CPU per deletion in the first round and 37 ms in the fourth, and every
/// cleanup (its records' query, each orchestration episode's history query) paid the same way while the raw loop, which
/// stores nothing, did not. A storage account's partitions do not cost each other that, so each round starts from tables
/// of the same size instead.
/// </summary>
internal sealed class RoundLeftovers(string storageConnectionString)
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
