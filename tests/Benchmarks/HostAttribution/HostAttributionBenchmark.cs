using System.Diagnostics;
using System.Text.Json;
using Orbit.Hosts.Attribution;
using Orbit.Hosts.Audit;
using Orbit.Hosts.Enforcement;
using Orbit.Hosts.Usage;

namespace Orbit.Benchmarks.HostAttribution;

/// <summary>
/// One agent attribution cycle in process, minus the Docker API calls: read the audit log from the start of the
/// cycle, attribute containers and layers, compute usage, plan enforcement, detect warn crossings, serialize the
/// checkpoint state. Reports the median cycle time, the audit read alone (lines per second), allocation per cycle and
/// the process's peak working set.
/// </summary>
internal sealed class HostAttributionBenchmark(HostAttributionOptions options, TextWriter output)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var host = SyntheticHost.Generate(options);
        var reader = new AuditLogReader(AuditKeyFilter.Default);
        var attributor = new HostAttributor(AttributionOptions.Default);

        var cycleMs = new List<double>();
        var readMs = new List<double>();
        var allocated = new List<long>();
        var phases = new List<double[]>();
        CycleOutcome? outcome = null;
        for (var run = 0; run <= options.Runs; run++)
        {
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            outcome = await CycleAsync(host, reader, attributor, cancellationToken);
            watch.Stop();
            var allocatedAfter = GC.GetTotalAllocatedBytes(precise: true);

            var readWatch = Stopwatch.StartNew();
            await reader.ReadAsync(new MemoryStream(host.AuditLog, writable: false), 0, cancellationToken);
            readWatch.Stop();

            // Run 0 warms up the JIT and is not counted.
            if (run > 0)
            {
                cycleMs.Add(watch.Elapsed.TotalMilliseconds);
                readMs.Add(readWatch.Elapsed.TotalMilliseconds);
                allocated.Add(allocatedAfter - allocatedBefore);
                phases.Add(outcome.PhaseMs);
            }
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var medianRead = Median.Of(readMs);
        var medianCycle = Median.Of(cycleMs);
        output.WriteLine($"host-attribution: {options.Containers:N0} containers, {outcome!.AuditLines:N0} audit lines ({outcome.AuditRecords:N0} kept), {options.Images:N0} images ({outcome.Layers:N0} distinct layers), {host.Events.Count:N0} events, {options.Users} users; {options.Runs} timed runs");
        output.WriteLine($"cycle:           median {medianCycle:0.0} ms (min {cycleMs.Min():0.0}, max {cycleMs.Max():0.0}); {outcome.AuditLines / (medianCycle / 1000):N0} audit lines/s over the whole cycle");
        output.WriteLine($"cycle phases:    median read {Median.Of(phases.Select(phase => phase[0])):0.0} ms, attribute {Median.Of(phases.Select(phase => phase[1])):0.0} ms, usage+plan+warn {Median.Of(phases.Select(phase => phase[2])):0.0} ms, checkpoint JSON {Median.Of(phases.Select(phase => phase[3])):0.0} ms");
        output.WriteLine($"audit read only: median {medianRead:0.0} ms (min {readMs.Min():0.0}) = {outcome.AuditLines / (medianRead / 1000):N0} lines/s");
        output.WriteLine($"allocated:       median {Median.Of(allocated.Select(bytes => (double)bytes)) / (1 << 20):0.0} MiB per cycle (GC.GetTotalAllocatedBytes, precise)");
        output.WriteLine($"peak memory:     {process.PeakWorkingSet64 / (1 << 20):N0} MiB peak working set of the whole process (Process.PeakWorkingSet64; the generated {host.AuditLog.Length / (1 << 20):0.0} MiB log included)");
        output.WriteLine($"attribution:     {outcome.ByLabel:N0} containers by label, {outcome.ByAudit:N0} by audit record, {outcome.Unattributed:N0} unattributed; {outcome.OwnedLayers:N0} of {outcome.Layers:N0} layers owned");
        output.WriteLine($"enforcement:     {outcome.Removals:N0} removals planned for {outcome.UsersOver:N0} users over quota; {outcome.Warnings:N0} warn notices; checkpoint state {outcome.StateBytes / 1024.0:0.0} KiB");
        return 0;
    }

    private static async Task<CycleOutcome> CycleAsync(SyntheticHost host, AuditLogReader reader, HostAttributor attributor, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var read = await reader.ReadAsync(new MemoryStream(host.AuditLog, writable: false), 0, cancellationToken);
        var readTime = watch.Elapsed;
        var attribution = attributor.Attribute(AttributionState.Empty, new AttributionInput(read.Records, host.Events, host.Containers, host.Images, host.Users));
        var attributeTime = watch.Elapsed - readTime;
        var usage = HostUsageCalculator.Calculate(attribution, host.Limits, reservedBytes: null);
        var plan = EnforcementPlanner.Plan(usage, attribution.Containers, EnforcementOrder.NewestFirst);
        var warnings = WarnLevelDetector.Detect(usage, new HashSet<string>(), 80);
        var planTime = watch.Elapsed - readTime - attributeTime;
        var state = JsonSerializer.SerializeToUtf8Bytes(attribution.State);
        var stateTime = watch.Elapsed - readTime - attributeTime - planTime;
        return new CycleOutcome(
            [readTime.TotalMilliseconds, attributeTime.TotalMilliseconds, planTime.TotalMilliseconds, stateTime.TotalMilliseconds],
            read.LinesRead,
            read.Records.Count,
            attribution.Containers.Count(container => container.Source == AttributionSource.Label),
            attribution.Containers.Count(container => container.Source == AttributionSource.AuditRecord),
            attribution.Containers.Count(container => container.User is null),
            attribution.Layers.Count,
            attribution.Layers.Count(layer => layer.User is not null),
            plan.Actions.Count,
            plan.Users.Count,
            warnings.Notices.Count,
            state.Length);
    }
}
