using Azure.Data.Tables;

namespace Orbit.FunctionHost.TestApp;

/// <summary>Where test functions write what they did (table named by the ResultsTable setting), read back by the tests.</summary>
public sealed class ResultsTable(TableServiceClient tables, IConfiguration configuration)
{
    public string Instance { get; } = configuration["TestInstance"] ?? Environment.ProcessId.ToString();

    public async Task RecordAsync(string partition, string row, IDictionary<string, object> values, CancellationToken cancellationToken)
    {
        var table = tables.GetTableClient(configuration["ResultsTable"] ?? throw new InvalidOperationException("ResultsTable is not set."));
        var entity = new TableEntity(partition, row) { ["Instance"] = Instance };
        foreach (var (key, value) in values)
        {
            entity[key] = value;
        }

        await table.AddEntityAsync(entity, cancellationToken);
    }

    /// <summary>Writes the row unless it is there already: an effect applied once however often its message comes.</summary>
    public async Task RecordOnceAsync(string partition, string row, IDictionary<string, object> values, CancellationToken cancellationToken)
    {
        try
        {
            await RecordAsync(partition, row, values, cancellationToken);
        }
        catch (Azure.RequestFailedException exception) when (exception.Status == 409)
        {
        }
    }
}
