using System.CommandLine;
using Orbit.Benchmarks.QueueThroughput;

var messages = new Option<int>("--messages") { Description = "Messages per round.", DefaultValueFactory = _ => 3000 };
var rounds = new Option<int>("--rounds") { Description = "Rounds; the summary reports medians.", DefaultValueFactory = _ => 5 };
var batchSize = new Option<int>("--batch-size") { Description = "Messages per receive, for the raw loop and the hosts alike (1-32).", DefaultValueFactory = _ => 32 };
var queueThroughput = new Command("queue-throughput", "Queue-trigger throughput (no-op handler, 1 and 2 host processes) against a raw receive/delete loop on one Azurite.")
{
    messages,
    rounds,
    batchSize,
};
queueThroughput.SetAction((result, cancellationToken) =>
    new QueueThroughputBenchmark(result.GetValue(messages), result.GetValue(rounds), result.GetValue(batchSize), Console.Out).RunAsync(cancellationToken));

var root = new RootCommand("Orbit registry functions benchmarks (results belong in docs/benchmarks.md).") { queueThroughput };
return await root.Parse(args).InvokeAsync();
