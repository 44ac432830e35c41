using System.Diagnostics;
using Orbit.Testing;

namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// How long a build waits for the quota check when nothing needs cleaning: <c>POST /api/builds</c> to the first poll
/// that sees <c>ready-to-build</c>, one build at a time, for a workspace of the managed registry far below its trigger.
/// Builds take turns at polling <c>GET /api/builds/{id}</c> (what <c>orbit build</c> polls: host, worker, and the worker's
/// Durable client back to the host) and the Durable status URL (the host's extension alone), so the difference is the
/// forwarding to the worker. Each build starts after a pause, so the engine's queue pollers have backed off as they do
/// between a build system's calls. As the floor of one request, the same run times plain <c>GET .../registry-usage</c>
/// reads and the single storage requests a hop is made of (<see cref="StorageFloor"/>). Each build's history splits its
/// latency into hops (queue hand-offs, episodes, activities).
/// </summary>
internal sealed class BuildReadyLatencyBenchmark(BuildReadyLatencyOptions options, TextWriter output)
{
    private const int Apps = 2;
    private const int TagsPerApp = 5;
    private const long QuotaBytes = 1L << 40;
    private const double GoalP50Milliseconds = 200;
    private const double GoalP99Milliseconds = 1000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly StatusSource[] Sources = [StatusSource.BuildEndpoint, StatusSource.StatusUrl];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        options.Validate();
        if (options.AppLogDirectory is not null)
        {
            Directory.CreateDirectory(options.AppLogDirectory);
        }

        await using var azurite = await AzuriteServer.StartAsync();
        await using var registry = await RegistryServer.StartAsync();
        await using var app = await AppInstances.StartAsync("solo", options.Instances, azurite.ConnectionString, registry, TestNames.Table("usage"), options.AppLogDirectory, options.HostSettings);
        using var pusher = new RegistryImagePusher(registry.Url);

        // A workspace with a few tracked images, then its default thresholds back on a quota it hardly touches.
        var workspace = await new CleanupWorkspaceBuilder(app.Api, pusher, Apps, TagsPerApp).BuildAsync("ready", cancellationToken);
        await app.Api.PutQuotaAsync(workspace.Id, QuotaBytes, null, null, cancellationToken);
        output.WriteLine($"build-ready-latency: {options.Builds} builds one at a time after {options.WarmUp} warm-up builds, each after a pause of {options.PauseMilliseconds} ms, " +
            $"status polled every {options.PollMilliseconds} ms, the builds taking turns at polling {string.Join(" and ", Sources)}; " +
            $"workspace {workspace.Id} with {Apps * TagsPerApp} images, far below its trigger; {options.UsageReads} usage reads after each build; {options.Instances} instance(s) of the app on one task hub, requests to the first; loopback, {Environment.ProcessorCount} cores" +
            (options.HostSettings.Count == 0 ? string.Empty : $"; host settings {string.Join(", ", options.HostSettings.Select(pair => $"{pair.Key}={pair.Value}"))}"));

        var floor = await StorageFloor.CreateAsync(azurite.ConnectionString, cancellationToken);
        var poll = TimeSpan.FromMilliseconds(options.PollMilliseconds);
        var pause = TimeSpan.FromMilliseconds(options.PauseMilliseconds);
        for (var build = 0; build < options.WarmUp; build++)
        {
            await Task.Delay(pause, cancellationToken);
            await MeasureBuildAsync(app, workspace.Id, $"warm{build}", poll, Sources[build % Sources.Length], cancellationToken);
            await app.Api.ReadUsageAsync(workspace.Id, cancellationToken);
            await floor.MeasureOnceAsync(cancellationToken);
        }

        var latencies = Sources.ToDictionary(source => source, _ => new List<double>());
        var usageReads = new List<double>(options.Builds * options.UsageReads);
        var hops = new Dictionary<string, List<double>>();
        var hopOrder = new List<string>();
        var episodes = new List<double>();
        var cpu = CpuMeter.Take();
        for (var build = 0; build < options.Builds; build++)
        {
            await Task.Delay(pause, cancellationToken);
            var source = Sources[build % Sources.Length];
            var (latency, timeline, readySeenAt, postedAt) = await MeasureBuildAsync(app, workspace.Id, $"b{build}", poll, source, cancellationToken);
            latencies[source].Add(latency);
            episodes.Add(timeline.EpisodesUntil(readySeenAt));
            foreach (var (hop, ms) in timeline.Hops(postedAt, readySeenAt))
            {
                var key = hop.StartsWith("last episode", StringComparison.Ordinal) ? $"{hop} ({source})" : hop;
                if (!hops.TryGetValue(key, out var samples))
                {
                    hops[key] = samples = [];
                    hopOrder.Add(key);
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
                output.WriteLine($"  {build + 1} builds: p50 so far {string.Join(", ", Sources.Select(each => $"{each} {Percentile.Of(latencies[each], 50):0.0} ms"))}");
            }
        }

        var cores = CpuMeter.Between(cpu, CpuMeter.Take());
        output.WriteLine();
        output.WriteLine($"Command: `{options.CommandLine}`");
        output.WriteLine();
        output.WriteLine("| request | samples | p50 ms | p99 ms | max ms |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var source in Sources)
        {
            var samples = latencies[source];
            output.WriteLine($"| POST /api/builds -> ready-to-build seen, polling {source} | {samples.Count} | {Percentile.Of(samples, 50):0.0} | {Percentile.Of(samples, 99):0.0} | {samples.Max():0.0} |");
        }

        output.WriteLine($"| GET registry-usage (floor of one request through host and worker) | {usageReads.Count} | {Percentile.Of(usageReads, 50):0.0} | {Percentile.Of(usageReads, 99):0.0} | {usageReads.Max():0.0} |");
        foreach (var (kind, samples) in floor.Samples.Select(pair => (pair.Key, pair.Value.Skip(options.WarmUp).ToList())))
        {
            output.WriteLine($"| Azurite {kind}, from the benchmark | {samples.Count} | {Percentile.Of(samples, 50):0.0} | {Percentile.Of(samples, 99):0.0} | {samples.Max():0.0} |");
        }

        output.WriteLine();
        foreach (var source in Sources)
        {
            var (p50, p99) = (Percentile.Of(latencies[source], 50), Percentile.Of(latencies[source], 99));
            output.WriteLine($"Polling {source}: p50 {p50:0.0} ms (goal <= {GoalP50Milliseconds:0} ms: {(p50 <= GoalP50Milliseconds ? "met" : "NOT met")}), " +
                $"p99 {p99:0.0} ms (goal <= {GoalP99Milliseconds:0} ms: {(p99 <= GoalP99Milliseconds ? "met" : "NOT met")})");
        }

        output.WriteLine($"Episodes per build up to ready: median {Median.Of(episodes):0}");
        output.WriteLine($"CPU over the measured loop (pauses, builds, their untimed history reads and ends, usage reads), cores on average of {Environment.ProcessorCount}: {CpuMeter.Format(cores)}");
        output.WriteLine();
        output.WriteLine("Where the time goes (from each build's history; the hops of a build add up to its latency):");
        output.WriteLine();
        output.WriteLine("| hop | samples | p50 ms | p99 ms | mean ms |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var hop in hopOrder)
        {
            var samples = hops[hop];
            output.WriteLine($"| {hop} | {samples.Count} | {Percentile.Of(samples, 50):0.0} | {Percentile.Of(samples, 99):0.0} | {samples.Average():0.0} |");
        }
    }

    /// <summary>One build: latency from the POST to the poll that saw ready-to-build, its history (not timed), then its end (not timed).</summary>
    private static async Task<(double Milliseconds, BuildTimeline Timeline, DateTimeOffset ReadySeenAt, DateTimeOffset PostedAt)> MeasureBuildAsync(
        AppInstances app, string workspace, string tag, TimeSpan poll, StatusSource source, CancellationToken cancellationToken)
    {
        var api = app.Api;
        var build = await api.StartBuildAsync(workspace, CleanupWorkspaceBuilder.AppId(0), $"{workspace}/{CleanupWorkspaceBuilder.AppId(0)}", tag, cancellationToken);
        var (_, seenAt, _) = await BuildWatch.UntilReadyAsync(api, build, poll, Timeout, cancellationToken, via: source);
        var status = await api.GetStatusAsync(build, cancellationToken);
        if (status.Deletions.Count > 0)
        {
            throw new InvalidOperationException($"Build {build.Id} deleted {status.Deletions.Count} images in a workspace below its trigger.");
        }

        var timeline = await BuildTimeline.ReadAsync(app.StorageConnectionString, app.HubName, build.Id, cancellationToken);
        await BuildWatch.EndAsync(api, build, cancellationToken);
        return ((seenAt - build.PostedAt).TotalMilliseconds, timeline, seenAt, build.PostedAt);
    }
}
