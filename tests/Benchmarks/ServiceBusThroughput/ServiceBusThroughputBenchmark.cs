using Azure.Data.Tables;
using Orbit.TestFunctionApp.Testing;
using Orbit.Testing;

namespace Orbit.Benchmarks.ServiceBusThroughput;

/// <summary>
/// Service Bus trigger throughput end to end (receive, two table writes, accept: the test app's BusRecord function,
/// the trigger running in its worker) on 1 and 2 instances of the local host against raw AMQPNetLite loops on the same
/// RabbitMQ and Azurite, rounds interleaved. Each contender drains the same pre-filled backlog; a host's time runs from
/// its first effect to its last (table timestamps), so process start-up is left out as it is for the raw loops.
/// </summary>
internal sealed class ServiceBusThroughputBenchmark(int messageCount, int rounds, int concurrency, TextWriter output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var startAzurite = AzuriteServer.StartAsync();
        await using var broker = await RabbitMqServer.StartAsync();
        await using var azurite = await startAzurite;
        var tables = new TableServiceClient(azurite.ConnectionString);
        var contenders = new (string Name, int Hosts, bool TableWrite)[]
        {
            ("raw receive+accept", 0, false), ("raw receive+2 table writes+accept", 0, true), ("host x1", 1, true), ("host x2", 2, true),
        };
        var throughput = contenders.ToDictionary(contender => contender.Name, _ => new List<double>());
        output.WriteLine($"servicebus-throughput: {messageCount} messages a round, {rounds} rounds, {concurrency} concurrent calls (credit), RabbitMQ AMQP 1.0 and Azurite on loopback, {Environment.ProcessorCount} cores");
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (name, hosts, tableWrite) in contenders)
            {
                var queue = await AmqpQueue.DeclareAndFillAsync(broker, messageCount, cancellationToken);
                var effects = tables.GetTableClient(TestNames.Table("buseffects"));
                await effects.CreateIfNotExistsAsync(cancellationToken);
                var seconds = hosts == 0
                    ? await RawAmqpLoop.SecondsToDrainAsync(queue, messageCount, concurrency, tableWrite ? effects : null, cancellationToken)
                    : await MeasureHostsAsync(broker, azurite, queue, effects, hosts, cancellationToken);
                throughput[name].Add(messageCount / seconds);
                output.WriteLine($"  round {round} {name,-34} {seconds,7:0.000} s  {messageCount / seconds,8:0} msg/s");
            }
        }

        var baseline = Median.Of(throughput["raw receive+accept"]);
        output.WriteLine();
        output.WriteLine($"Command: `dotnet run -c Release --project tests/Benchmarks -- servicebus-throughput --messages {messageCount} --rounds {rounds} --concurrency {concurrency}`");
        output.WriteLine();
        output.WriteLine("| contender | median msg/s | ratio to raw receive+accept |");
        output.WriteLine("|---|---:|---:|");
        foreach (var (name, values) in throughput)
        {
            output.WriteLine($"| {name} | {Median.Of(values):0} | {Median.Of(values) / baseline:0.00}x |");
        }
    }

    private async Task<double> MeasureHostsAsync(RabbitMqServer broker, AzuriteServer azurite, AmqpQueue queue, TableClient effects, int hostCount, CancellationToken cancellationToken)
    {
        // One host id and task hub for the instances of a round, as for scaled-out instances of one app.
        var hostId = TestNames.HostId("busbench");
        var hub = TestNames.Table("busbenchhub");
        var starting = Enumerable.Range(0, hostCount).Select(i =>
            FunctionHostProcess.StartAsync($"bus-bench-host-{i}", TestAppPaths.ScriptRoot, TestAppSettings.For(azurite, $"bus-bench-host-{i}", new Dictionary<string, string?>
            {
                [TestAppSettings.HostId] = hostId,
                [TestAppSettings.HubName] = hub,
                [TestAppSettings.ResultsTable] = effects.Name,
                ["ServiceBus__Connection"] = broker.ConnectionString,
                ["ServiceBus__Entity"] = queue.Name,
                ["ServiceBus__MaxConcurrentCalls"] = concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["AzureFunctionsJobHost__logging__logLevel__default"] = "Warning",
            }))).ToList();
        try
        {
            await Task.WhenAll(starting);
            var deadline = DateTime.UtcNow + Timeout;
            List<DateTimeOffset> stamps;
            while (true)
            {
                stamps = [];
                await foreach (var row in effects.QueryAsync<TableEntity>(filter: "PartitionKey eq 'effect'", select: ["RowKey", "Timestamp"], cancellationToken: cancellationToken))
                {
                    stamps.Add(row.Timestamp!.Value);
                }

                if (stamps.Count >= messageCount)
                {
                    break;
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"only {stamps.Count} of {messageCount} messages were handled");
                }

                await Task.Delay(500, cancellationToken);
            }

            // The span between the first and last effect covers n-1 intervals; scale to n for a rate comparable with the raw loops.
            var span = (stamps.Max() - stamps.Min()).TotalSeconds;
            return span * messageCount / Math.Max(1, messageCount - 1);
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
