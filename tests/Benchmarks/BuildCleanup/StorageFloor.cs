using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// The storage requests an orchestration hop is made of, timed one by one straight from the benchmark against the same
/// Azurite (a table and a queue of their own): point read, insert, conditional replace, queue put, and a receive of
/// one message followed by its delete. With them a hop's time can be read as so many storage round trips.
/// </summary>
internal sealed class StorageFloor
{
    public const string Read = "table point read";
    public const string Insert = "table insert";
    public const string Replace = "table replace (If-Match)";
    public const string Put = "queue put";
    public const string ReceiveDelete = "queue receive 1 + delete";

    private readonly TableClient table;
    private readonly QueueClient queue;
    private readonly Dictionary<string, List<double>> samples = new() { [Read] = [], [Insert] = [], [Replace] = [], [Put] = [], [ReceiveDelete] = [] };
    private int row;

    private StorageFloor(TableClient table, QueueClient queue)
    {
        this.table = table;
        this.queue = queue;
    }

    public IReadOnlyDictionary<string, List<double>> Samples => samples;

    public static async Task<StorageFloor> CreateAsync(string connectionString, CancellationToken cancellationToken)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var table = new TableClient(connectionString, $"floor{suffix}");
        var queue = new QueueClient(connectionString, $"floor-{suffix}");
        await table.CreateIfNotExistsAsync(cancellationToken);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await table.UpsertEntityAsync(new TableEntity("floor", "fixed") { ["Value"] = 0 }, cancellationToken: cancellationToken);
        return new StorageFloor(table, queue);
    }

    /// <summary>One request of each kind, each timed on its own.</summary>
    public async Task MeasureOnceAsync(CancellationToken cancellationToken)
    {
        var fixedRow = await TimeAsync(Read, () => table.GetEntityAsync<TableEntity>("floor", "fixed", cancellationToken: cancellationToken));
        await TimeAsync(Insert, () => table.AddEntityAsync(new TableEntity("floor", $"row{row++}") { ["Value"] = row }, cancellationToken));
        await TimeAsync(Replace, () => table.UpdateEntityAsync(new TableEntity("floor", "fixed") { ["Value"] = row }, fixedRow.Value.ETag, TableUpdateMode.Replace, cancellationToken));
        await TimeAsync(Put, () => queue.SendMessageAsync("floor", cancellationToken));
        await TimeAsync(ReceiveDelete, async () =>
        {
            var received = await queue.ReceiveMessagesAsync(1, cancellationToken: cancellationToken);
            foreach (var message in received.Value)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            }

            return received;
        });
    }

    private async Task<T> TimeAsync<T>(string kind, Func<Task<T>> request)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await request();
        samples[kind].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }
}
