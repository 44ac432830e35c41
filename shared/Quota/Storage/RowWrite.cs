using System.Globalization;
using Azure.Data.Tables;

namespace Orbit.Quota.Storage;

/// <summary>
/// One absolute row write (replace with these properties, or delete) in a workspace's partition.
/// Absolute writes can be replayed any number of times with the same result, which is what lets a
/// change too large for one transaction be journaled and rolled forward after a crash.
/// </summary>
internal sealed record RowWrite(string RowKey, IReadOnlyDictionary<string, string>? Properties)
{
    public bool IsDelete => Properties is null;

    public static RowWrite Replace(TableEntity entity) => new(entity.RowKey, entity
        .Where(property => property.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
        .ToDictionary(property => property.Key, property => Encode(property.Value)));

    public static RowWrite Delete(string rowKey) => new(rowKey, null);

    public TableEntity ToEntity(string partitionKey)
    {
        var entity = new TableEntity(partitionKey, RowKey);
        foreach (var (name, value) in Properties ?? new Dictionary<string, string>())
        {
            entity[name] = Decode(value);
        }

        return entity;
    }

    // Typed so that a replayed row is the same row: Int32 stays Int32, Int64 stays Int64.
    private static string Encode(object? value) => value switch
    {
        string text => $"s:{text}",
        int number => $"i:{number.ToString(CultureInfo.InvariantCulture)}",
        long number => $"l:{number.ToString(CultureInfo.InvariantCulture)}",
        bool flag => $"b:{flag}",
        DateTimeOffset time => $"d:{time.ToString("O", CultureInfo.InvariantCulture)}",
        _ => throw new ArgumentException($"Unsupported property type {value?.GetType().Name}."),
    };

    private static object Decode(string encoded) => encoded[..2] switch
    {
        "s:" => encoded[2..],
        "i:" => int.Parse(encoded[2..], CultureInfo.InvariantCulture),
        "l:" => long.Parse(encoded[2..], CultureInfo.InvariantCulture),
        "b:" => bool.Parse(encoded[2..]),
        "d:" => DateTimeOffset.Parse(encoded[2..], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        _ => throw new FormatException($"Unknown journal value '{encoded}'."),
    };
}
