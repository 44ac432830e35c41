using Azure.Data.Tables;

namespace Orbit.Orchestrations.Storage;

/// <summary>
/// A string of any length kept across properties <c>Name</c>, <c>Name_1</c>, <c>Name_2</c>…, since one table
/// property holds at most 64 KiB (32 Ki UTF-16 characters). Rows are written whole (replace), so stale
/// chunks of a longer earlier value never linger.
/// </summary>
internal static class ChunkedProperty
{
    private const int ChunkLength = 30_000;

    public static void Write(TableEntity entity, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        for (int offset = 0, index = 0; offset < value.Length || index == 0; offset += ChunkLength, index++)
        {
            entity[index == 0 ? name : $"{name}_{index}"] = value.Substring(offset, Math.Min(ChunkLength, value.Length - offset));
        }
    }

    public static string? Read(TableEntity entity, string name)
    {
        if (entity.GetString(name) is not { } first)
        {
            return null;
        }

        if (!entity.ContainsKey($"{name}_1"))
        {
            return first;
        }

        var value = new System.Text.StringBuilder(first);
        for (var index = 1; entity.GetString($"{name}_{index}") is { } chunk; index++)
        {
            value.Append(chunk);
        }

        return value.ToString();
    }
}
