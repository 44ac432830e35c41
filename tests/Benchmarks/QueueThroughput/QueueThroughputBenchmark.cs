using Azure.Storage.Queues;
using Orbit.Testing;

namespace Orbit.Benchmarks.QueueThroughput;

/// <summary>
/// Queue-trigger throughput end to end (a no-op handler in 1 and 2 host processes) against the raw
/// receive/delete loop with the same batch size, on one Azurite, rounds interleaved so that machine
/// noise hits all alike. One more row runs a host at the Functions default batch of 16.
/// </summary>
internal sealed class QueueThroughputBenchmark(int messageCount, int rounds, int batchSize, TextWriter output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private static readonly string TestAppPath = Path.Combine(AppContext.BaseDirectory, "Orbit.FunctionHost.TestApp.dll");

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var contenders = new (string Name, int Hosts, int BatchSize)[]
        {
            ("raw loop", 0, batchSize), ("host x1", 1, batchSize), ("host x2", 2, batchSize), ("host x1, batch 16", 1, 16),
        };
        var throughput = contenders.ToDictionary(contender => contender.Name, _ => new List<double>());
        output.WriteLine($"queue-throughput: {messageCount} messages a round, {rounds} rounds, batch {batchSize}, Azurite on loopback, {Environment.ProcessorCount} cores");
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (name, hosts, batch) in contenders)
            {
                var queue = new QueueClient(azurite.ConnectionString, TestNames.Queue("bench"), new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
                var prepared = await PreparedQueue.FillAsync(queue, messageCount, cancellationToken);
                var seconds = await MeasureAsync(azurite, prepared, hosts, batch, cancellationToken);
                throughput[name].Add(messageCount / seconds);
                output.WriteLine($"  round {round} {name,-17} {seconds,7:0.000} s  {messageCount / seconds,8:0} msg/s");
            }
        }

        var baseline = Median.Of(throughput["raw loop"]);
        output.WriteLine();
        output.WriteLine("| contender | median msg/s | ratio to raw loop |");
        output.WriteLine("|---|---:|---:|");
        foreach (var (name, values) in throughput)
        {
            output.WriteLine($"| {name} | {Median.Of(values):0} | {Median.Of(values) / baseline:0.00}x |");
        }
    }

    private static async Task<double> MeasureAsync(AzuriteServer azurite, PreparedQueue prepared, int hostCount, int batch, CancellationToken cancellationToken)
    {
        if (hostCount == 0)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var loop = Task.Run(() => RawQueueLoop.RunUntilCancelledAsync(prepared.Queue, batch, stop.Token), CancellationToken.None);
            try
            {
                return await prepared.SecondsToDrainAsync(Timeout, cancellationToken);
            }
            finally
            {
                await stop.CancelAsync();
                await loop;
            }
        }

        // Started together, so the second instance joins as the first begins, not a start-up later.
        var drain = prepared.SecondsToDrainAsync(Timeout, cancellationToken);
        var starting = Enumerable.Range(0, hostCount).Select(i =>
            FunctionHostProcess.StartAsync($"bench-host-{i}", TestAppPath, new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                ["NoOpQueue"] = prepared.Queue.Name,
                ["AzureFunctionsJobHost__extensions__queues__batchSize"] = batch.ToString(),
                ["AzureFunctionsJobHost__logging__logLevel__default"] = "Warning",
            })).ToList();
        try
        {
            await Task.WhenAll(starting);
            return await drain;
        }
        finally
        {
            foreach (var host in starting.Where(task => task.IsCompletedSuccessfully))
            {
                await host.Result.DisposeAsync();
            }
        }
    }
}
