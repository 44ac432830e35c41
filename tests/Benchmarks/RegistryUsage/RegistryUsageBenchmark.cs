using Azure.Data.Tables;
using Orbit.Testing;

namespace Orbit.Benchmarks.RegistryUsage;

/// <summary>
/// The registry accounting end to end, on one Azurite, one registry and one function app process on loopback:
/// how the latency of reading a workspace's usage depends on the workspace's size (it should not: the read is one
/// row), and how fast images are tracked when they share layers and when they do not.
/// </summary>
internal sealed class RegistryUsageBenchmark(RegistryUsageOptions options, TextWriter output)
{
    private const long SeededQuotaBytes = 1L << 50;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        options.Validate();
        await using var azurite = await AzuriteServer.StartAsync();
        await using var registry = await RegistryServer.StartAsync();
        await using var app = await UsageFunctionApp.StartAsync(azurite, registry);
        output.WriteLine($"registry-usage: workspaces of {options.Small} and {options.Large} images, {options.Requests} reads each; " +
            $"{options.Images} images a set at concurrency {options.Concurrency}, {options.Rounds} rounds; loopback, {Environment.ProcessorCount} cores");

        // Tracking runs first: once the large workspace is seeded, every write makes Azurite save its whole table
        // database again (every 5 s), which would slow tracking for a reason that has nothing to do with the app.
        var throughput = await MeasureTrackingAsync(app, registry, cancellationToken);
        var (small, large, latencies) = await MeasureReadsAsync(azurite, app, cancellationToken);

        output.WriteLine();
        output.WriteLine($"Command: `{options.CommandLine}`");
        output.WriteLine();
        var smallP99 = Percentile.Of(latencies[small.Id], 99);
        output.WriteLine("| read registry-usage | images | p50 ms | p99 ms | p99 ratio to small |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, workspace) in new[] { ("small workspace", small), ("large workspace", large) })
        {
            var samples = latencies[workspace.Id];
            output.WriteLine($"| {name} | {workspace.Images} | {Percentile.Of(samples, 50):0.00} | {Percentile.Of(samples, 99):0.00} | {Percentile.Of(samples, 99) / smallP99:0.00}x |");
        }

        var ratio = Percentile.Of(latencies[large.Id], 99) / smallP99;
        output.WriteLine();
        output.WriteLine($"p99({large.Images}) / p99({small.Images}) = {ratio:0.00} (goal <= 1.2: {(ratio <= 1.2 ? "met" : "NOT met")})");
        output.WriteLine();
        output.WriteLine("| track images | images a round | concurrency | median images/s | per round |");
        output.WriteLine("|---|---:|---:|---:|---|");
        foreach (var (set, values) in throughput)
        {
            output.WriteLine($"| {set.Name} | {options.Images} | {options.Concurrency} | {Median.Of(values):0.0} | {string.Join(", ", values.Select(value => value.ToString("0.0")))} |");
        }
    }

    private async Task<Dictionary<ImageSet, List<double>>> MeasureTrackingAsync(UsageFunctionApp app, RegistryServer registry, CancellationToken cancellationToken)
    {
        using var pusher = new RegistryImagePusher(registry.Url);
        var tracking = new TrackThroughput(app, pusher, options.Images, options.Concurrency);
        var throughput = new Dictionary<ImageSet, List<double>> { [ImageSet.SharedLayers] = [], [ImageSet.UniqueLayers] = [] };
        output.WriteLine("tracking throughput:");

        // Untimed, in a workspace of its own: the first requests pay for JIT, connections and the table's creation,
        // which would otherwise all land on whichever set runs first in round 1.
        var warmUpImages = Math.Min(options.Images, options.Concurrency * 2);
        var warmUp = await new TrackThroughput(app, pusher, warmUpImages, options.Concurrency).RunRoundAsync(ImageSet.SharedLayers, round: 0, cancellationToken);
        output.WriteLine($"  warm-up: {warmUpImages} images, {warmUp:0.0} images/s (not counted)");
        for (var round = 1; round <= options.Rounds; round++)
        {
            // Both sets every round, taking turns at going first, so that noise and drift hit them alike.
            ImageSet[] sets = round % 2 == 1 ? [ImageSet.SharedLayers, ImageSet.UniqueLayers] : [ImageSet.UniqueLayers, ImageSet.SharedLayers];
            foreach (var set in sets)
            {
                var imagesPerSecond = await tracking.RunRoundAsync(set, round, cancellationToken);
                throughput[set].Add(imagesPerSecond);
                output.WriteLine($"  round {round} {set.Name,-13} {options.Images / imagesPerSecond,7:0.000} s  {imagesPerSecond,7:0.0} images/s  (usage verified)");
            }
        }

        return throughput;
    }

    private async Task<(SeededUsageWorkspace Small, SeededUsageWorkspace Large, IReadOnlyDictionary<string, double[]> Latencies)> MeasureReadsAsync(
        AzuriteServer azurite, UsageFunctionApp app, CancellationToken cancellationToken)
    {
        output.WriteLine("read latency:");
        var table = new TableClient(azurite.ConnectionString, app.UsageTable);
        await table.CreateIfNotExistsAsync(cancellationToken);
        var seeder = new WorkspaceSeeder(table, output);
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var small = await seeder.SeedAsync($"read-small-{suffix}", options.Small, SeededQuotaBytes, cancellationToken);
        output.WriteLine($"  seeded {small.Id}: {small.Images} images, {small.Rows} rows in {small.Seconds:0.0} s ({small.Rows / small.Seconds:0} rows/s)");
        var large = await seeder.SeedAsync($"read-large-{suffix}", options.Large, SeededQuotaBytes, cancellationToken);
        output.WriteLine($"  seeded {large.Id}: {large.Images} images, {large.Rows} rows in {large.Seconds:0.0} s ({large.Rows / large.Seconds:0} rows/s)");

        var warmUp = Math.Min(options.Requests, 200);
        var latencies = await new ReadLatency(app, output).MeasureAsync([small, large], warmUp, options.Requests, cancellationToken);
        foreach (var workspace in new[] { small, large })
        {
            var samples = latencies[workspace.Id];
            output.WriteLine($"  {workspace.Id} ({workspace.Images} images): p50 {Percentile.Of(samples, 50):0.00} ms, p99 {Percentile.Of(samples, 99):0.00} ms, max {samples.Max():0.00} ms");
        }

        return (small, large, latencies);
    }
}
