using Azure;
using Azure.Data.Tables;

namespace Orbit.TestFunctionApp.Recording;

/// <summary>
/// Where the test functions write what they did (the table named by the <c>ResultsTable</c> setting), for the tests to
/// read back. Each row names the instance that wrote it (<c>TestInstance</c>), so a test sees which host ran what.
/// </summary>
public sealed class ResultsTable(TableServiceClient tables, IConfiguration configuration)
{
    public string Instance { get; } = configuration["TestInstance"] ?? Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task RecordAsync(string partition, string row, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken)
    {
        var table = tables.GetTableClient(configuration["ResultsTable"] ?? throw new InvalidOperationException("The ResultsTable setting names no table."));
        var entity = new TableEntity(partition, row) { ["Instance"] = Instance };
        foreach (var (key, value) in values)
        {
            entity[key] = value;
        }

        await table.AddEntityAsync(entity, cancellationToken);
    }

    /// <summary>Writes the row unless it is there already: an effect applied once however often its message comes.</summary>
    public async Task RecordOnceAsync(string partition, string row, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken)
    {
        try
        {
            await RecordAsync(partition, row, values, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            // Recorded by an earlier delivery.
        }
    }
}
