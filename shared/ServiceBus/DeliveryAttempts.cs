using Azure;
using Azure.Data.Tables;

namespace Orbit.ServiceBus;

/// <summary>
/// Attempts per message, kept in a table row per (entity, message id) because RabbitMQ does not raise
/// delivery-count when a message is released, and because several instances share one entity. Only
/// messages that failed or came back after a crash ever get a row, so the common path costs nothing.
/// On RabbitMQ, where a reject cannot carry a reason, the dead-letter reason is written here too.
/// </summary>
internal sealed class DeliveryAttempts(TableClient table, string entity)
{
    private readonly string partition = Uri.EscapeDataString(entity);

    public Task EnsureTableAsync(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Counts one more attempt and returns the total; optimistic concurrency keeps competing instances from losing counts.</summary>
    public async Task<int> CountAttemptAsync(string messageId, CancellationToken cancellationToken)
    {
        var row = RowKey(messageId);
        while (true)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
            try
            {
                if (!existing.HasValue || existing.Value is null)
                {
                    await table.AddEntityAsync(new TableEntity(partition, row) { ["MessageId"] = messageId, ["Attempts"] = 1 }, cancellationToken);
                    return 1;
                }

                var entity = existing.Value;
                var attempts = (entity.GetInt32("Attempts") ?? 0) + 1;
                entity["Attempts"] = attempts;
                await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Merge, cancellationToken);
                return attempts;
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412)
            {
                // Another instance counted at the same moment: read again.
            }
        }
    }

    public async Task RecordDeadLetterAsync(string messageId, string reason, string description, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(partition, RowKey(messageId))
        {
            ["MessageId"] = messageId,
            ["DeadLetterReason"] = reason,
            ["DeadLetterErrorDescription"] = description,
            ["DeadLetteredAt"] = at,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<TableEntity?> FindAsync(string messageId, CancellationToken cancellationToken)
    {
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(partition, RowKey(messageId), cancellationToken: cancellationToken);
        return existing.HasValue ? existing.Value : null;
    }

    public async Task ForgetAsync(string messageId, CancellationToken cancellationToken) =>
        await table.DeleteEntityAsync(partition, RowKey(messageId), ETag.All, cancellationToken);

    public static string RowKey(string messageId) => Uri.EscapeDataString(messageId);
}
