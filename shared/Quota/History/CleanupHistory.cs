using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Orbit.Quota.Workspaces;

namespace Orbit.Quota.History;

/// <summary>
/// Every workspace's cleanups, newest first, in a table written by the cleanup itself (partition: the workspace;
/// row: the build). Bounded: each record keeps at most <see cref="CleanupRecord.MaxDeletions"/> deletions, and a
/// workspace keeps its newest <c>keepPerWorkspace</c> records; older ones are deleted as new ones are written.
/// Writing a build's record again replaces it, so the activity that writes it may run twice. Beside the record, each row
/// keeps its summary (<see cref="CleanupRecordSummary"/>), so that a list of cleanups reads a few hundred bytes of each.
/// </summary>
public sealed class CleanupHistory(TableClient table, int keepPerWorkspace)
{
    // A string property holds at most 64 KiB, that is 32K UTF-16 characters; the record's JSON is split across several.
    private const int ChunkLength = 30_000;
    private const int MaxChunks = 30;

    private const string SummaryColumn = "Summary";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lazy<Task> created = new(() => table.CreateIfNotExistsAsync());

    /// <summary>The cleanups a workspace's history keeps at most (<c>Quota:CleanupHistoryPerWorkspace</c>).</summary>
    public int KeepPerWorkspace => keepPerWorkspace;

    /// <summary>Keeps (or replaces) the build's record; whether it was kept whole, every deletion and every line of its log.</summary>
    public async Task<bool> RecordAsync(CleanupRecord record, CancellationToken cancellationToken)
    {
        await created.Value;
        var whole = record.IsWithinBounds();
        var bounded = record.Bounded();
        var text = JsonSerializer.Serialize(bounded, Json);
        if (text.Length > ChunkLength * MaxChunks)
        {
            whole = false;
            text = JsonSerializer.Serialize(bounded with { Deletions = [], BuildLog = [.. record.BuildLog.Take(200), "... the rest of this cleanup's log was too long to keep."] }, Json);
        }

        var entity = new TableEntity(record.WorkspaceId.Value, record.BuildId)
        {
            ["At"] = record.At,
            [SummaryColumn] = JsonSerializer.Serialize(CleanupRecordSummary.Of(record), Json),
            ["Chunks"] = (text.Length + ChunkLength - 1) / ChunkLength,
        };
        for (var chunk = 0; chunk * ChunkLength < text.Length; chunk++)
        {
            entity[$"Record{chunk}"] = text.Substring(chunk * ChunkLength, Math.Min(ChunkLength, text.Length - chunk * ChunkLength));
        }

        // The prune beside the write, keeping one fewer of the workspace's other cleanups: a cleanup's record is written on
        // the way to its build, and this way costs it one round trip, not two.
        await Task.WhenAll(table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken), PruneAsync(record.WorkspaceId, record.BuildId, cancellationToken));
        return whole;
    }

    public async Task<CleanupRecord?> GetAsync(WorkspaceId workspace, string buildId, CancellationToken cancellationToken)
    {
        await created.Value;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(workspace.Value, buildId, cancellationToken: cancellationToken);
        return row.HasValue ? Read(row.Value!) : null;
    }

    /// <summary>
    /// The workspace's newest <paramref name="count"/> cleanups in a line each, newest first: one query of the partition's
    /// build ids, times and summaries, never the records themselves (up to ~900 KB each). A row written before rows kept
    /// their summary is read whole once to make it.
    /// </summary>
    public async Task<IReadOnlyList<CleanupRecordSummary>> ListNewestAsync(WorkspaceId workspace, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        await created.Value;
        var summaries = new List<CleanupRecordSummary>();
        foreach (var row in (await NewestFirstAsync(workspace, [SummaryColumn], cancellationToken)).Take(count))
        {
            if (row.GetString(SummaryColumn) is { Length: > 0 } summary)
            {
                summaries.Add(JsonSerializer.Deserialize<CleanupRecordSummary>(summary, Json)!);
            }
            else if (await GetAsync(workspace, row.RowKey, cancellationToken) is { } record)
            {
                // A row pruned between the query and its read is simply no longer history.
                summaries.Add(CleanupRecordSummary.Of(record));
            }
        }

        return summaries;
    }

    /// <summary>The workspace's rows, newest first, with only their build id, time and <paramref name="columns"/>: never the records.</summary>
    private async Task<IReadOnlyList<TableEntity>> NewestFirstAsync(WorkspaceId workspace, IEnumerable<string> columns, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(entity => entity.PartitionKey == workspace.Value, select: ["RowKey", "At", .. columns], cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return [.. rows.OrderByDescending(row => row.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue)];
    }

    /// <summary>Deletes all but the newest <c>keepPerWorkspace</c> - 1 of the workspace's records other than <paramref name="buildId"/>'s, which is being written.</summary>
    private async Task PruneAsync(WorkspaceId workspace, string buildId, CancellationToken cancellationToken)
    {
        foreach (var row in (await NewestFirstAsync(workspace, [], cancellationToken)).Where(row => row.RowKey != buildId).Skip(keepPerWorkspace - 1))
        {
            try
            {
                await table.DeleteEntityAsync(workspace.Value, row.RowKey, ETag.All, cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
                // Another writer pruned it first.
            }
        }
    }

    private static CleanupRecord Read(TableEntity row)
    {
        var text = new StringBuilder();
        for (var chunk = 0; chunk < (row.GetInt32("Chunks") ?? 0); chunk++)
        {
            text.Append(row.GetString($"Record{chunk}"));
        }

        return JsonSerializer.Deserialize<CleanupRecord>(text.ToString(), Json)
            ?? throw new InvalidDataException($"The cleanup history row {row.PartitionKey}/{row.RowKey} holds no record.");
    }
}
