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

    /// <summary>The workspace's lease row as it is now (<see cref="CleanupLeaseRow.None"/> when it was never leased): one row read.</summary>
    public async Task<CleanupLeaseRow> ReadAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        await created.Value;
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(workspace.Value, RowKey, cancellationToken: cancellationToken);
        return existing.HasValue && existing.Value is { } row
            ? new CleanupLeaseRow(row.GetString("Holder") ?? string.Empty, row.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue, row.GetString("PreviousHolder"), row.ETag)
            : CleanupLeaseRow.None;
    }

    /// <param name="seen">
    /// The row as the caller read it a moment ago (<see cref="ReadAsync"/>): the first attempt writes over it without
    /// reading again; if it changed since, the write is refused and the row read again.
    /// </param>
    public async Task<CleanupLease> TryAcquireAsync(WorkspaceId workspace, string holder, TimeSpan duration, CancellationToken cancellationToken, CleanupLeaseRow? seen = null)
    {
        await created.Value;
        while (true)
        {
            var now = time.GetUtcNow();
            var row = seen ?? await ReadAsync(workspace, cancellationToken);
            seen = null;
            if (row.Holder.Length > 0 && row.Holder != holder && row.ExpiresAt > now)
            {
                return new CleanupLease(false, row.Holder, row.ExpiresAt, row.PreviousHolder);
            }

            var previous = row.Holder == holder ? row.PreviousHolder : row.Holder is { Length: > 0 } current ? current : row.PreviousHolder;
            var lease = new TableEntity(workspace.Value, RowKey) { ["Holder"] = holder, ["ExpiresAt"] = now + duration, ["PreviousHolder"] = previous };
            try
            {
                var written = row.ETag is { } etag
                    ? await table.UpdateEntityAsync(lease, etag, TableUpdateMode.Replace, cancellationToken)
                    : await table.AddEntityAsync(lease, cancellationToken);
                return new CleanupLease(true, holder, now + duration, previous, row.HeldLastBy(holder), written.Headers.ETag);
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412)
            {
                // Someone else wrote the row between our read and write: look again.
            }
        }
    }

    /// <summary>Gives the lease up if <paramref name="holder"/> has it; a no-op otherwise (idempotent).</summary>
    /// <param name="written">
    /// The ETag of the row the holder's acquisition wrote (<see cref="CleanupLease.Written"/>): the lease is given back
    /// over it in one write; a row changed since (the lease lapsed and was taken) is read, as without it.
    /// </param>
    public async Task ReleaseAsync(WorkspaceId workspace, string holder, CancellationToken cancellationToken, ETag? written = null)
    {
        await created.Value;
        while (true)
        {
            var etag = written;
            written = null;
            if (etag is null)
            {
                var row = await ReadAsync(workspace, cancellationToken);
                if (row.ETag is null || row.Holder != holder)
                {
                    return;
                }

                etag = row.ETag;
            }

            var released = new TableEntity(workspace.Value, RowKey) { ["Holder"] = string.Empty, ["ExpiresAt"] = time.GetUtcNow(), ["PreviousHolder"] = holder };
            try
            {
                await table.UpdateEntityAsync(released, etag.Value, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException exception) when (exception.Status is 412 or 404)
            {
                // Changed under us: look again.
            }
        }
    }
}
