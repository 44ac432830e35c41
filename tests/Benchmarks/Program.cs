using System.CommandLine;
using Orbit.Benchmarks.QueueThroughput;
using Orbit.Benchmarks.RegistryUsage;

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

var small = new Option<int>("--small") { Description = "Images in the small workspace whose usage is read.", DefaultValueFactory = _ => 1000 };
var large = new Option<int>("--large") { Description = "Images in the large workspace whose usage is read.", DefaultValueFactory = _ => 100_000 };
var requests = new Option<int>("--requests") { Description = "Timed reads of each workspace's usage, interleaved, after a warm-up.", DefaultValueFactory = _ => 2000 };
var images = new Option<int>("--images") { Description = "Images pushed and tracked per set per round.", DefaultValueFactory = _ => 200 };
var concurrency = new Option<int>("--concurrency") { Description = "Concurrent track requests.", DefaultValueFactory = _ => 8 };
var trackRounds = new Option<int>("--rounds") { Description = "Tracking rounds; the summary reports medians.", DefaultValueFactory = _ => 3 };
var registryUsage = new Command("registry-usage", "Usage-read latency for a small and a large workspace, and image-tracking throughput with shared and unique layers, against the function app on one Azurite and one registry.")
{
    small,
    large,
    requests,
    images,
    concurrency,
    trackRounds,
};
registryUsage.SetAction((result, cancellationToken) =>
    new RegistryUsageBenchmark(
        new RegistryUsageOptions(result.GetValue(small), result.GetValue(large), result.GetValue(requests), result.GetValue(images), result.GetValue(concurrency), result.GetValue(trackRounds)),
        Console.Out).RunAsync(cancellationToken));

var root = new RootCommand("Orbit registry functions benchmarks (results belong in docs/benchmarks.md).") { queueThroughput, registryUsage };
return await root.Parse(args).InvokeAsync();
