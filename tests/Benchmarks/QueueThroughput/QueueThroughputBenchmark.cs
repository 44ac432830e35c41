using Azure.Storage.Queues;
using Orbit.Benchmarks.BuildCleanup;
using Orbit.TestFunctionApp.Testing;
using Orbit.Testing;

namespace Orbit.Benchmarks.QueueThroughput;

/// <summary>
/// Queue-trigger throughput end to end (the test app's no-op queue function, on 1 and 2 instances of the local host,
/// each with its worker process) against the raw receive/delete loop with the same batch size, on one Azurite, rounds
/// interleaved so that machine noise hits all alike. One more row runs a host at the Functions default batch of 16.
/// Every contender is started on an empty queue and warmed up on <c>warmUpMessages</c> first (<see cref="PreparedQueue"/>).
/// </summary>
internal sealed class QueueThroughputBenchmark(int messageCount, int rounds, int batchSize, int warmUpMessages, TextWriter output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var contenders = new (string Name, int Hosts, int BatchSize)[]
        {
            ("raw loop", 0, batchSize), ("host x1", 1, batchSize), ("host x2", 2, batchSize), ("host x1, batch 16", 1, 16),
        };
        var throughput = contenders.ToDictionary(contender => contender.Name, _ => new List<double>());
        var cpu = contenders.ToDictionary(contender => contender.Name, _ => new List<IReadOnlyList<(string Component, double Cores)>>());
        output.WriteLine($"queue-throughput: {messageCount} messages a round after {warmUpMessages} warm-up messages, {rounds} rounds, batch {batchSize}, Azurite on loopback, {Environment.ProcessorCount} cores");
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (name, hosts, batch) in contenders)
            {
                var queue = new QueueClient(azurite.ConnectionString, TestNames.Queue("bench"), new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
                var prepared = await PreparedQueue.CreateAsync(queue, cancellationToken);
                var (seconds, cores) = await MeasureAsync(azurite, prepared, hosts, batch, cancellationToken);
                throughput[name].Add(messageCount / seconds);
                cpu[name].Add(cores);
                output.WriteLine($"  round {round} {name,-17} {seconds,7:0.000} s  {messageCount / seconds,8:0} msg/s   cores: {CpuMeter.Format(cores)}");
            }
        }

        var baseline = Median.Of(throughput["raw loop"]);
        output.WriteLine();
        output.WriteLine($"Command: `dotnet run -c Release --project tests/Benchmarks -- queue-throughput --messages {messageCount} --rounds {rounds} --batch-size {batchSize} --warm-up-messages {warmUpMessages}`");
        output.WriteLine();
        output.WriteLine("| contender | median msg/s | per round | ratio to raw loop (goal >= 0.8x for one instance) | per-round ratio | Azurite cores | local host cores | worker cores | benchmark cores |");
        output.WriteLine("|---|---:|---|---:|---|---:|---:|---:|---:|");
        foreach (var (name, values) in throughput)
        {
            var perRound = string.Join(", ", values.Select(value => value.ToString("0")));
            var ratios = string.Join(", ", values.Select((value, index) => (value / throughput["raw loop"][index]).ToString("0.00")));
            string Cores(string component) => Median.Of(cpu[name].Select(sample => sample.First(pair => pair.Component == component).Cores)).ToString("0.00");
            output.WriteLine($"| {name} | {Median.Of(values):0} | {perRound} | {Median.Of(values) / baseline:0.00}x | {ratios} | {Cores(CpuMeter.Azurite)} | {Cores(CpuMeter.Hosts)} | {Cores(CpuMeter.Workers)} | {Cores(CpuMeter.Benchmark)} |");
        }
    }

    /// <summary>Seconds to drain the queue once the contender is warm, and the cores each component used meanwhile.</summary>
    private async Task<(double Seconds, IReadOnlyList<(string Component, double Cores)> Cores)> MeasureAsync(
        AzuriteServer azurite, PreparedQueue prepared, int hostCount, int batch, CancellationToken cancellationToken)
    {
        if (hostCount == 0)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var loop = Task.Run(() => RawQueueLoop.RunUntilCancelledAsync(prepared.Queue, batch, stop.Token), CancellationToken.None);
            try
            {
                await prepared.WarmUpAsync(warmUpMessages, Timeout, cancellationToken);
                return await prepared.FillAndTimeDrainAsync(messageCount, Timeout, cancellationToken);
            }
            finally
            {
                await stop.CancelAsync();
                await loop;
            }
        }

        // One host id and task hub for the instances of a round, as for scaled-out instances of one app.
        var hostId = TestNames.HostId("bench");
        var hub = TestNames.Table("benchhub");
        var starting = Enumerable.Range(0, hostCount).Select(i =>
            FunctionHostProcess.StartAsync($"bench-host-{i}", TestAppPaths.ScriptRoot, TestAppSettings.For(azurite, $"bench-host-{i}", new Dictionary<string, string?>
            {
                [TestAppSettings.NoOpQueue] = prepared.Queue.Name,
                [TestAppSettings.HostId] = hostId,
                [TestAppSettings.HubName] = hub,
                ["AzureFunctionsJobHost__extensions__queues__batchSize"] = batch.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["AzureFunctionsJobHost__logging__logLevel__default"] = "Warning",
                // As for the function app's instances (AppInstances): tier up after 5 calls with no delay, so the warm-up
                // reaches the optimized code; with the runtime's defaults the tier-up JIT took 0.7-1.0 cores of the timed
                // drain after 500 warm-up messages.
                ["DOTNET_TC_CallCountThreshold"] = "5",
                ["DOTNET_TC_CallCountingDelayMs"] = "0",
            }))).ToList();
        try
        {
            await Task.WhenAll(starting);
            await prepared.WarmUpAsync(warmUpMessages, Timeout, cancellationToken);
            return await prepared.FillAndTimeDrainAsync(messageCount, Timeout, cancellationToken);
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
