using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// Azurite's own CPU per storage request of each kind a fan-out makes, measured straight from the benchmark against the
/// run's Azurite once the rounds are done (its tables as full as the rounds left them), several requests in flight.
/// Multiplied by a fan-out's request counts (<c>--app-log</c>) it tells how much of the two cores storage alone needs.
/// </summary>
internal static class AzuriteRequestCost
{
    private const int InFlight = 8;
    private const int KeysPerQuery = 14;
    private const int RowsPerTransaction = 20;

    public static async Task<IReadOnlyList<(string Kind, double CpuMilliseconds)>> MeasureAsync(string connectionString, int requests, CancellationToken cancellationToken)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var table = new TableClient(connectionString, $"cost{suffix}");
        var queue = new QueueClient(connectionString, $"cost-{suffix}", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await table.CreateIfNotExistsAsync(cancellationToken);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await table.SubmitTransactionAsync(Enumerable.Range(0, 100).Select(index => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row(index, 0))), cancellationToken);

        // About the size of a work item carrying a batch of 20 planned digests.
        var body = new string('x', 6_000);
        var costs = new List<(string, double)>
        {
            ("table point read", await PerRequestAsync(requests, index => table.GetEntityAsync<TableEntity>("cost", RowKey(index)), cancellationToken)),
            ("table upsert", await PerRequestAsync(requests, index => table.UpsertEntityAsync(Row(index, index), cancellationToken: cancellationToken), cancellationToken)),
            ($"table query naming {KeysPerQuery} rows", await PerRequestAsync(requests, async index =>
            {
                var filter = $"PartitionKey eq 'cost' and ({string.Join(" or ", Enumerable.Range(index, KeysPerQuery).Select(key => $"RowKey eq '{RowKey(key)}'"))})";
                await foreach (var _ in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
                {
                }
            }, cancellationToken)),
            ($"entity-group transaction of {RowsPerTransaction} upserts", await PerRequestAsync(requests, index => table.SubmitTransactionAsync(
                Enumerable.Range(0, RowsPerTransaction).Select(offset => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row((index * RowsPerTransaction) + offset, index))), cancellationToken),
                cancellationToken)),
            ("queue put (6 KB)", await PerRequestAsync(requests, index => queue.SendMessageAsync(body, cancellationToken), cancellationToken)),
            ("queue receive (of 32) + delete, per message", await PerMessageReceivedAsync(queue, requests, cancellationToken)),
        };
        await table.DeleteAsync(cancellationToken);
        await queue.DeleteAsync(cancellationToken);
        return costs;
    }

    private static async Task<double> PerRequestAsync(int requests, Func<int, Task> request, CancellationToken cancellationToken)
    {
        var before = CpuMeter.Take();
        await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken },
            async (index, _) => await request(index));
        return AzuriteMilliseconds(before, CpuMeter.Take()) / requests;
    }

    private static async Task<double> PerMessageReceivedAsync(QueueClient queue, int messages, CancellationToken cancellationToken)
    {
        var before = CpuMeter.Take();
        var received = 0;
        while (received < messages)
        {
            var batch = (await queue.ReceiveMessagesAsync(32, cancellationToken: cancellationToken)).Value;
            if (batch.Length == 0)
            {
                break;
            }

            received += batch.Length;
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken },
                async (message, token) => await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, token));
        }

        return AzuriteMilliseconds(before, CpuMeter.Take()) / Math.Max(1, received);
    }

    private static double AzuriteMilliseconds(CpuSample before, CpuSample after) =>
        (after.Seconds[CpuMeter.Azurite] - before.Seconds[CpuMeter.Azurite]) * 1000;

    private static TableEntity Row(int index, long value) => new("cost", RowKey(index)) { ["Value"] = value, ["Digest"] = $"sha256:{new string('a', 64)}" };

    private static string RowKey(int index) => $"row{index % 100:000}";
}
