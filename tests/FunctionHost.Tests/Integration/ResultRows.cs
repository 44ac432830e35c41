using Azure.Data.Tables;

namespace Orbit.FunctionHost.Tests.Integration;

/// <summary>Reads back what the test app's functions recorded.</summary>
internal static class ResultRows
{
    public static async Task<List<TableEntity>> InPartitionAsync(TableClient table, string partition)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(entity => entity.PartitionKey == partition))
        {
            rows.Add(row);
        }

        return rows;
    }

    public static async Task<List<TableEntity>> AllAsync(TableClient table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }
}
