using System.Text.Json;
using Azure.Data.Tables;

namespace Orbit.Quota.Storage;

/// <summary>
/// The journal row of a change too large for one transaction: every row write, the workspace row last,
/// as JSON split over properties (a property holds at most 64 KiB).
/// </summary>
internal static class UsageJournal
{
    private const int PartLength = 30_000;

    public static TableEntity Write(string partitionKey, IReadOnlyList<RowWrite> writes)
    {
        var json = JsonSerializer.Serialize(writes);
        var entity = new TableEntity(partitionKey, UsageRows.JournalKey) { ["Parts"] = (json.Length + PartLength - 1) / PartLength, ["Applied"] = 0 };
        for (var part = 0; part * PartLength < json.Length; part++)
        {
            entity[$"J{part}"] = json.Substring(part * PartLength, Math.Min(PartLength, json.Length - (part * PartLength)));
        }

        return entity;
    }

    public static IReadOnlyList<RowWrite> Read(TableEntity entity)
    {
        var parts = entity.GetInt32("Parts") ?? 0;
        var json = string.Concat(Enumerable.Range(0, parts).Select(part => entity.GetString($"J{part}")));
        return JsonSerializer.Deserialize<List<RowWrite>>(json) ?? [];
    }
}
