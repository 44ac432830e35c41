using System.Diagnostics;
using Orbit.Testing;

namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// How long a build waits for the quota check when nothing needs cleaning: <c>POST /api/builds</c> to the first poll
/// that sees <c>ready-to-build</c>, one build at a time, for a workspace of the managed registry far below its trigger.
/// As the floor of one request, the same run times plain <c>GET .../registry-usage</c> reads, interleaved with the
/// builds, and the single storage requests a hop is made of (<see cref="StorageFloor"/>). Each build's history splits
/// its latency into hops (queue hand-offs, episodes, activities).
/// </summary>
internal sealed class BuildReadyLatencyBenchmark(BuildReadyLatencyOptions options, TextWriter output)
{
    private const int Apps = 2;
    private const int TagsPerApp = 5;
    private const long QuotaBytes = 1L << 40;
    private const double GoalP50Milliseconds = 150;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        options.Validate();
        if (options.AppLogDirectory is not null)
        {
            Directory.CreateDirectory(options.AppLogDirectory);
        }

        await using var azurite = await AzuriteServer.StartAsync();
        await using var registry = await RegistryServer.StartAsync();
        await using var app = await AppInstances.StartAsync("solo", 1, azurite.ConnectionString, registry, TestNames.Table("usage"), options.AppLogDirectory);
        using var pusher = new RegistryImagePusher(registry.Url);

        // A workspace with a few tracked images, then its default thresholds back on a quota it hardly touches.
        var workspace = await new CleanupWorkspaceBuilder(app.Api, pusher, Apps, TagsPerApp).BuildAsync("ready", cancellationToken);
        await app.Api.PutQuotaAsync(workspace.Id, QuotaBytes, null, null, cancellationToken);
        output.WriteLine($"build-ready-latency: {options.Builds} builds one at a time after {options.WarmUp} warm-up builds, status polled every {options.PollMilliseconds} ms; " +
            $"workspace {workspace.Id} with {Apps * TagsPerApp} images, far below its trigger; {options.UsageReads} usage reads after each build; loopback, {Environment.ProcessorCount} cores");

        var floor = await StorageFloor.CreateAsync(azurite.ConnectionString, cancellationToken);
        var poll = TimeSpan.FromMilliseconds(options.PollMilliseconds);
        for (var build = 0; build < options.WarmUp; build++)
        {
            await MeasureBuildAsync(app.Api, workspace.Id, $"warm{build}", poll, cancellationToken);
            await app.Api.ReadUsageAsync(workspace.Id, cancellationToken);
            await floor.MeasureOnceAsync(cancellationToken);
        }

        var latencies = new List<double>(options.Builds);
        var usageReads = new List<double>(options.Builds * options.UsageReads);
        var hops = new Dictionary<string, List<double>>();
        var hopOrder = new List<string>();
        var episodes = new List<double>();
        var cpu = CpuMeter.Take();
        for (var build = 0; build < options.Builds; build++)
        {
            var (latency, timeline, readySeenAt, postedAt) = await MeasureBuildAsync(app.Api, workspace.Id, $"b{build}", poll, cancellationToken);
            latencies.Add(latency);
            episodes.Add(timeline.EpisodesUntil(readySeenAt));
            foreach (var (hop, ms) in timeline.Hops(postedAt, readySeenAt))
            {
                if (!hops.TryGetValue(hop, out var samples))
                {
                    hops[hop] = samples = [];
                    hopOrder.Add(hop);
                }

                samples.Add(ms);
            }

            for (var read = 0; read < options.UsageReads; read++)
            {
                var started = Stopwatch.GetTimestamp();
                await app.Api.ReadUsageAsync(workspace.Id, cancellationToken);
                usageReads.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            await floor.MeasureOnceAsync(cancellationToken);

            if ((build + 1) % 50 == 0)
            {
                output.WriteLine($"  {build + 1} builds: p50 so far {Percentile.Of(latencies, 50):0.0} ms");
            }
        }

        var cores = CpuMeter.Between(cpu, CpuMeter.Take());
        output.WriteLine();
        output.WriteLine($"Command: `{options.CommandLine}`");
        output.WriteLine();
        output.WriteLine("| request | samples | p50 ms | p99 ms | max ms |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        output.WriteLine($"| POST /api/builds -> ready-to-build seen | {latencies.Count} | {Percentile.Of(latencies, 50):0.0} | {Percentile.Of(latencies, 99):0.0} | {latencies.Max():0.0} |");
        output.WriteLine($"| GET registry-usage (floor of one request) | {usageReads.Count} | {Percentile.Of(usageReads, 50):0.0} | {Percentile.Of(usageReads, 99):0.0} | {usageReads.Max():0.0} |");
        foreach (var (kind, samples) in floor.Samples.Select(pair => (pair.Key, pair.Value.Skip(options.WarmUp).ToList())))
        {
            output.WriteLine($"| Azurite {kind}, from the benchmark | {samples.Count} | {Percentile.Of(samples, 50):0.0} | {Percentile.Of(samples, 99):0.0} | {samples.Max():0.0} |");
        }
        var p50 = Percentile.Of(latencies, 50);
        output.WriteLine();
        output.WriteLine($"p50 {p50:0.0} ms (goal < {GoalP50Milliseconds:0} ms: {(p50 < GoalP50Milliseconds ? "met" : "NOT met")}); episodes per build up to ready: median {Median.Of(episodes):0}");
        output.WriteLine($"CPU over the measured loop (builds, their untimed history reads and ends, usage reads), cores on average of {Environment.ProcessorCount}: {CpuMeter.Format(cores)}");
        output.WriteLine();
        output.WriteLine("Where the time goes (from each build's history; the hops of a build add up to its latency):");
        output.WriteLine();
        output.WriteLine("| hop | p50 ms | p99 ms | mean ms |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var hop in hopOrder)
        {
            var samples = hops[hop];
            output.WriteLine($"| {hop} | {Percentile.Of(samples, 50):0.0} | {Percentile.Of(samples, 99):0.0} | {samples.Average():0.0} |");
        }
    }

    /// <summary>One build: latency from the POST to the poll that saw ready-to-build, its history (not timed), then BuildFailed and its end (not timed).</summary>
    private static async Task<(double Milliseconds, BuildTimeline Timeline, DateTimeOffset ReadySeenAt, DateTimeOffset PostedAt)> MeasureBuildAsync(
        OrbitApi api, string workspace, string tag, TimeSpan poll, CancellationToken cancellationToken)
    {
        var build = await api.StartBuildAsync(workspace, CleanupWorkspaceBuilder.AppId(0), $"{workspace}/{CleanupWorkspaceBuilder.AppId(0)}", tag, cancellationToken);
        var (status, seenAt, _) = await BuildWatch.UntilReadyAsync(api, build, poll, Timeout, cancellationToken);
        if (status.Deletions.Count > 0)
        {
            throw new InvalidOperationException($"Build {build.Id} deleted {status.Deletions.Count} images in a workspace below its trigger.");
        }

        var timeline = await api.GetTimelineAsync(build, cancellationToken);
        await BuildWatch.EndAsync(api, build, cancellationToken);
        return ((seenAt - build.PostedAt).TotalMilliseconds, timeline, seenAt, build.PostedAt);
    }
}
