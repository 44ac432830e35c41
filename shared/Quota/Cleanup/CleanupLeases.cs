using Azure;
using Azure.Data.Tables;
using Orbit.Quota.Workspaces;

namespace Orbit.Quota.Cleanup;

/// <summary>
/// One cleanup at a time per workspace, across every host instance: a row per workspace naming the build
/// that is cleaning it, written over its ETag. The holder is an orchestration instance, which outlives any
/// process, so acquiring again as the holder succeeds (activities run at least once); a holder that never
/// releases loses the lease when it expires.
/// </summary>
public sealed class CleanupLeases(TableClient table, TimeProvider time)
{
    private const string RowKey = "cleanup-lease";

    private readonly Lazy<Task> created = new(() => table.CreateIfNotExistsAsync());

    public async Task<CleanupLease> TryAcquireAsync(WorkspaceId workspace, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        await created.Value;
        while (true)
        {
            var now = time.GetUtcNow();
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(workspace.Value, RowKey, cancellationToken: cancellationToken);
            var row = existing.HasValue ? existing.Value! : null;
            var current = row?.GetString("Holder");
            var expires = row?.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue;
            var previous = row?.GetString("PreviousHolder");
            if (!string.IsNullOrEmpty(current) && current != holder && expires > now)
            {
                return new CleanupLease(false, current, expires, previous);
            }

            var lease = new TableEntity(workspace.Value, RowKey)
            {
                ["Holder"] = holder,
                ["ExpiresAt"] = now + duration,
                ["PreviousHolder"] = current == holder ? previous : current is { Length: > 0 } ? current : previous,
            };
            try
            {
                if (row is null)
                {
                    await table.AddEntityAsync(lease, cancellationToken);
                }
                else
                {
                    await table.UpdateEntityAsync(lease, row.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return new CleanupLease(true, holder, now + duration, lease.GetString("PreviousHolder"), current == holder || (string.IsNullOrEmpty(current) && previous == holder));
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412)
            {
                // Someone else wrote the row between our read and write: look again.
            }
        }
    }

    /// <summary>Gives the lease up if <paramref name="holder"/> has it; a no-op otherwise (idempotent).</summary>
    public async Task ReleaseAsync(WorkspaceId workspace, string holder, CancellationToken cancellationToken)
    {
        await created.Value;
        while (true)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(workspace.Value, RowKey, cancellationToken: cancellationToken);
            if (!existing.HasValue || existing.Value!.GetString("Holder") != holder)
            {
                return;
            }

            var released = new TableEntity(workspace.Value, RowKey) { ["Holder"] = string.Empty, ["ExpiresAt"] = time.GetUtcNow(), ["PreviousHolder"] = holder };
            try
            {
                await table.UpdateEntityAsync(released, existing.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException exception) when (exception.Status is 412 or 404)
            {
                // Changed under us: look again.
            }
        }
    }
}
