using Azure.Data.Tables;

namespace Orbit.Orchestrations.Storage;

/// <summary>
/// Keeps payloads too large for a queue message (an activity's result such as a cleanup plan of hundreds
/// of deletions, a large input or event) in a table row, up to the row's 1 MiB, so the message can carry
/// a reference instead. Rows are written once and never changed; a purge removes an instance's rows.
/// </summary>
public sealed class PayloadStore
{
    private readonly TableClient table;
    private readonly Lazy<Task> created;

    public PayloadStore(TableServiceClient tables, TaskHubNames names)
    {
        table = tables.GetTableClient(names.PayloadsTable);
        created = new Lazy<Task>(() => table.CreateIfNotExistsAsync());
    }

    public async Task<string> StoreAsync(string instanceId, string payload, CancellationToken cancellationToken)
    {
        await created.Value;
        var reference = Guid.NewGuid().ToString("N");
        var row = new TableEntity(instanceId, reference);
        ChunkedProperty.Write(row, "Payload", payload);
        await table.AddEntityAsync(row, cancellationToken);
        return reference;
    }

    public async Task<string> LoadAsync(string instanceId, string reference, CancellationToken cancellationToken)
    {
        await created.Value;
        var row = await table.GetEntityAsync<TableEntity>(instanceId, reference, cancellationToken: cancellationToken);
        return ChunkedProperty.Read(row.Value, "Payload") ?? string.Empty;
    }

    public async Task DeleteAllAsync(string instanceId, CancellationToken cancellationToken)
    {
        await created.Value;
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, Azure.ETag.All, cancellationToken);
        }
    }
}
