using Azure.Data.Tables;
using Orbit.Testing;

namespace Orbit.TestFunctionApp.Testing;

/// <summary>A run of the test app on the local host, with the settings it was started with and the table its functions record into.</summary>
public sealed class TestAppHost(FunctionHostProcess process, IReadOnlyDictionary<string, string?> settings, AzuriteServer azurite) : IAsyncDisposable
{
    public FunctionHostProcess Process { get; } = process;

    public IReadOnlyDictionary<string, string?> Settings { get; } = settings;

    public HttpClient Http => Process.Http;

    public TableClient Results => new(azurite.ConnectionString, Setting(TestAppSettings.ResultsTable));

    /// <summary>
    /// Starts the test app from <paramref name="scriptRoot"/> (its build output by default) on <paramref name="azurite"/>, with its own
    /// results table, queues, timers, host id and task hub unless <paramref name="settings"/> name them; waits until it is healthy.
    /// </summary>
    public static async Task<TestAppHost> StartAsync(AzuriteServer azurite, string instance, IReadOnlyDictionary<string, string?> settings, string? scriptRoot = null)
    {
        var all = TestAppSettings.For(azurite, instance, settings);
        await new TableClient(azurite.ConnectionString, all[TestAppSettings.ResultsTable]).CreateIfNotExistsAsync();
        return new TestAppHost(await FunctionHostProcess.StartAsync(instance, scriptRoot ?? TestAppPaths.ScriptRoot, all), all, azurite);
    }

    public string Setting(string name) => Settings[name] ?? throw new InvalidOperationException($"{name} is not set.");

    /// <summary>The rows the functions recorded under <paramref name="partition"/>.</summary>
    public async Task<List<TableEntity>> RecordedAsync(string partition)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Results.QueryAsync<TableEntity>(entity => entity.PartitionKey == partition))
        {
            rows.Add(row);
        }

        return rows;
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
