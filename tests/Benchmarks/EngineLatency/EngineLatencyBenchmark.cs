using Orbit.Benchmarks.BuildCleanup;
using Orbit.Testing;

namespace Orbit.Benchmarks.EngineLatency;

/// <summary>
/// The engine choice, measured both sides on one Azurite: an orchestration with one activity, and one fanning out to
/// <c>--fan-out</c> activities and back in, from the start call to the completion seen by a poll of the instances table
/// (the same poll for both), on the Durable Task Framework driven directly in this process and through the local host,
/// the WebJobs Durable extension and the isolated worker. Contenders take turns round by round; the summary gives medians,
/// p99s and the ratio of the local host to the direct engine, with each one's CPU per orchestration.
/// </summary>
internal sealed class EngineLatencyBenchmark(EngineLatencyOptions options, TextWriter output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        options.Validate();
        var polling = TimeSpan.FromMilliseconds(options.MaxQueuePollingMilliseconds);
        await using var azurite = await AzuriteServer.StartAsync();
        await using var direct = await DirectEngine.StartAsync(azurite.ConnectionString, TestNames.Table("direct"), polling);
        await using var hosted = await LocalHostEngine.StartAsync(azurite, TestNames.Table("hosted"), polling);
        IEngineContender[] contenders = [direct, hosted];
        int[] sizes = [1, options.FanOut];
        output.WriteLine($"engine-latency: FanOut with {string.Join(" and ", sizes)} activities, {options.Rounds} rounds of {options.PerRound} instances per size and contender after {options.WarmUp} warm-up instances each, " +
            $"each instance after a pause of {options.PauseMilliseconds} ms, completion polled every {options.PollMilliseconds} ms; maxQueuePollingInterval {options.MaxQueuePollingMilliseconds} ms; " +
            $"Azurite on loopback, {Environment.ProcessorCount} cores");

        var poll = TimeSpan.FromMilliseconds(options.PollMilliseconds);
        foreach (var contender in contenders)
        {
            foreach (var size in sizes)
            {
                for (var warm = 0; warm < options.WarmUp; warm++)
                {
                    await RunOneAsync(azurite, contender, size, poll, cancellationToken);
                }
            }
        }

        var samples = new Dictionary<(IEngineContender, int), List<EngineSample>>();
        var cpu = new Dictionary<(IEngineContender, int), List<EngineBlockCpu>>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var contender in round % 2 == 1 ? contenders : contenders.Reverse())
            {
                foreach (var size in sizes)
                {
                    var key = (contender, size);
                    var list = samples.TryGetValue(key, out var existing) ? existing : samples[key] = [];
                    var before = CpuMeter.Take();
                    var started = DateTimeOffset.UtcNow;
                    for (var instance = 0; instance < options.PerRound; instance++)
                    {
                        await Task.Delay(options.PauseMilliseconds, cancellationToken);
                        list.Add(await RunOneAsync(azurite, contender, size, poll, cancellationToken));
                    }

                    var seconds = (DateTimeOffset.UtcNow - started).TotalSeconds;
                    (cpu.TryGetValue(key, out var blocks) ? blocks : cpu[key] = []).Add(new EngineBlockCpu(CpuMeter.Between(before, CpuMeter.Take()), seconds, options.PerRound));
                    var recent = list.TakeLast(options.PerRound).ToList();
                    output.WriteLine($"  round {round} {contender.Name,-48} {size,3} activities: start -> completed seen p50 {Percentile.Of(recent.Select(s => s.SeenMs), 50),6:0.0} ms, " +
                        $"engine span p50 {Percentile.Of(recent.Select(s => s.SpanMs), 50),6:0.0} ms");
                }
            }
        }

        output.WriteLine();
        output.WriteLine($"Command: `{options.CommandLine}`");
        output.WriteLine();
        output.WriteLine("| engine | activities | instances | start -> completed seen, p50 ms | p99 ms | engine span (created -> completed), p50 ms | p99 ms | ratio to direct (p50) | engine CPU ms per instance | Azurite CPU ms per instance |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var size in sizes)
        {
            var baseline = Percentile.Of(samples[(direct, size)].Select(s => s.SeenMs), 50);
            foreach (var contender in contenders)
            {
                var list = samples[(contender, size)];
                var p50 = Percentile.Of(list.Select(s => s.SeenMs), 50);
                // The direct engine runs in this process; the local host's engine is the host and its worker.
                var engine = contender == direct ? CpuMeter.Benchmark : CpuMeter.Apps;
                output.WriteLine($"| {contender.Name} | {size} | {list.Count} | {p50:0.0} | {Percentile.Of(list.Select(s => s.SeenMs), 99):0.0} | " +
                    $"{Percentile.Of(list.Select(s => s.SpanMs), 50):0.0} | {Percentile.Of(list.Select(s => s.SpanMs), 99):0.0} | {p50 / baseline:0.00}x | " +
                    $"{CpuPerInstance(cpu[(contender, size)], engine):0.0} | {CpuPerInstance(cpu[(contender, size)], CpuMeter.Azurite):0.0} |");
            }
        }

        output.WriteLine();
        output.WriteLine("CPU per block of instances, median cores over the rounds:");
        foreach (var ((contender, size), blocks) in cpu)
        {
            var components = blocks[0].Cores.Select(pair => pair.Component).ToList();
            output.WriteLine($"  {contender.Name}, {size} activities: " +
                string.Join(" | ", components.Select(component => $"{component} {Median.Of(blocks.Select(block => block.Cores.First(pair => pair.Component == component).Cores)):0.00}")));
        }
    }

    private static async Task<EngineSample> RunOneAsync(AzuriteServer azurite, IEngineContender contender, int activities, TimeSpan poll, CancellationToken cancellationToken)
    {
        var instanceId = Guid.NewGuid().ToString("N");
        var startedAt = DateTimeOffset.UtcNow;
        await contender.StartAsync(instanceId, activities, cancellationToken);
        var (seenAt, createdAt, completedAt) = await new InstanceTable(azurite.ConnectionString, contender.HubName).UntilCompletedAsync(instanceId, poll, Timeout, cancellationToken);
        return new EngineSample((seenAt - startedAt).TotalMilliseconds, (completedAt - createdAt).TotalMilliseconds);
    }

    /// <summary>CPU milliseconds a component spent per instance, median over the blocks.</summary>
    private static double CpuPerInstance(List<EngineBlockCpu> blocks, string component) =>
        Median.Of(blocks.Select(block => block.Cores.First(pair => pair.Component == component).Cores * block.Seconds * 1000 / block.Instances));
}
