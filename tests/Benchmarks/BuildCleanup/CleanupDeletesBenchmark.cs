using System.Diagnostics;
using Orbit.Testing;

namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// Cleanup deletion throughput on one Azurite and one registry: the seed's sequential loop, raw parallel registry
/// DELETEs, and the build orchestration's fan-out with one and with two app processes on one task hub. Every round
/// gives each variant a freshly pushed and tracked workspace of the same shape, the variants take turns at going
/// first, and the summary reports medians and the ratios the goals are stated in.
/// </summary>
internal sealed class CleanupDeletesBenchmark(CleanupDeletesOptions options, TextWriter output)
{
    private const int WarmUpApps = 2;
    private const int WarmUpTags = 6;
    private const int RequestCostSamples = 300;

    // Azurite writes a changed database whole every 5 s; a workspace just pushed is written before the timed part begins.
    private static readonly TimeSpan SettleAfterPush = TimeSpan.FromSeconds(6);

    private readonly List<string> usedPartitions = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        options.Validate();
        string? debugLog = null;
        if (options.AppLogDirectory is not null)
        {
            // A diagnostic run also has Azurite log every request, to count what a deletion costs in storage round trips.
            Directory.CreateDirectory(options.AppLogDirectory);
            debugLog = Path.Combine(options.AppLogDirectory, "azurite-debug.log");
        }

        var (inOrder, hubs) = await MeasureAsync(debugLog, cancellationToken);

        // Read once Azurite has stopped, so the log is complete.
        if (debugLog is not null)
        {
            WriteRequestCounts(AzuriteRequestLog.Read(debugLog, hubs), inOrder);
        }
    }

    private async Task<(List<(int Round, IDeletionVariant Variant, DeletionRun Run)> InOrder, Dictionary<string, string> Hubs)> MeasureAsync(
        string? debugLog, CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteServer.StartAsync(debugLog, options.StorageInMemory);
        await using var registry = await RegistryServer.StartAsync(cpu: options.RegistryCpu);
        var usageTable = TestNames.Table("usage");
        // The setup process pushes and tracks every round's workspaces, checks the results and serves the seed's loop, so that
        // the fan-outs' processes do nothing but their own cleanups (tracking 800 images left garbage and warm caches in
        // whichever process did it, and that process was the one-instance fan-out's).
        await using var setup = await AppInstances.StartAsync("setup", 1, azurite.ConnectionString, registry, usageTable, options.AppLogDirectory);
        await using var solo = await AppInstances.StartAsync("solo", 1, azurite.ConnectionString, registry, usageTable, options.AppLogDirectory, options.FanOutSettings);
        await using var pair = options.WithoutPair ? null : await AppInstances.StartAsync("pair", 2, azurite.ConnectionString, registry, usageTable, options.AppLogDirectory, options.FanOutSettings);
        await using var contender = !options.HasContender ? null : await AppInstances.StartAsync(
            "contender", 1, azurite.ConnectionString, registry, usageTable, options.AppLogDirectory,
            options.FanOutSettings.Concat(options.ContenderSettings).GroupBy(setting => setting.Key).ToDictionary(group => group.Key, group => group.Last().Value), options.ContenderApp);
        using var pusher = new RegistryImagePusher(registry.Url);
        using var manifests = new RegistryManifests(registry.Url);

        var poll = TimeSpan.FromMilliseconds(options.PollMilliseconds);
        // The sequential loop, the raw loop and the one-instance cleanup first, in that order: the summary reads them so.
        List<(IDeletionVariant Variant, AppInstances? App)> entries =
        [
            (new SequentialLoopVariant(setup.Api), setup),
            (new RawParallelDeleteVariant(manifests, options.Parallelism), null),
            (new FanOutVariant(solo, poll, options.PollVia, options.AppLogDirectory), solo),
        ];
        if (options.PushOrderRaw)
        {
            entries.Add((new RawParallelDeleteVariant(manifests, options.Parallelism, inPushOrder: true), null));
        }

        if (pair is not null)
        {
            entries.Add((new FanOutVariant(pair, poll, options.PollVia, options.AppLogDirectory), pair));
        }

        if (contender is not null)
        {
            entries.Add((new FanOutVariant(contender, poll, options.PollVia, options.AppLogDirectory, "contender"), contender));
        }

        IDeletionVariant[] variants = [.. entries.Select(entry => entry.Variant)];
        var uses = entries.ToDictionary(entry => entry.Variant, entry => entry.App);
        AppInstances[] apps = [.. new[] { setup, solo, pair, contender }.OfType<AppInstances>()];
        var builder = new CleanupWorkspaceBuilder(setup.Api, pusher, options.Apps, options.Tags);
        var verifier = new DeletionVerifier(manifests, setup.Api);
        output.WriteLine($"cleanup-deletes: {options.Apps} apps x {options.Tags} tags = {builder.Deletable} deletable digests per variant per round, {options.Rounds} rounds; " +
            $"raw parallelism {options.Parallelism}; status polled every {options.PollMilliseconds} ms ({options.PollVia}); hubs {solo.HubName} (1 process)" +
            (pair is null ? string.Empty : $", {pair.HubName} (2 processes)") + (contender is null ? string.Empty : $", {contender.HubName} (contender, 1 process)") + "; " +
            $"loopback, {CpuAffinity.Online().Count} cores" +
            (options.RegistryCpu is { } cpu ? $"; the registry alone on CPU {cpu}, everything else on {CpuAffinity.Format(CpuAffinity.OfThisProcess())}" : string.Empty) +
            (options.FanOutSettings.Count == 0 ? string.Empty : $"; fan-out settings {string.Join(", ", options.FanOutSettings.Select(pair => $"{pair.Key}={pair.Value}"))}") +
            (options.ContenderSettings.Count == 0 ? string.Empty : $"; the contender's settings on top {string.Join(", ", options.ContenderSettings.Select(setting => $"{setting.Key}={setting.Value}"))}") +
            (options.ContenderApp is null ? string.Empty : $"; the contender runs the app built in {options.ContenderApp}") +
            (options.FreezeIdleApps ? "; the app instances a variant does not use stopped (SIGSTOP) during its timed part" : string.Empty) +
            (options.StorageInMemory ? "; Azurite's data in memory" : string.Empty));

        var leftovers = new StorageLeftovers(azurite.ConnectionString);
        await WarmUpAsync(variants, new CleanupWorkspaceBuilder(setup.Api, pusher, WarmUpApps, WarmUpTags), cancellationToken);
        await WarmUpFanOutsAsync(variants.OfType<FanOutVariant>().ToList(), builder, new CleanupWorkspaceBuilder(setup.Api, pusher, WarmUpApps, WarmUpTags), cancellationToken);
        await RemoveLeftoversAsync(leftovers, "the warm-ups", cancellationToken);

        var runs = variants.ToDictionary(variant => variant, _ => new List<DeletionRun>());
        var inOrder = new List<(int Round, IDeletionVariant Variant, DeletionRun Run)>();
        var failures = 0;
        for (var round = 1; round <= options.Rounds; round++)
        {
            output.WriteLine($"round {round}:");
            foreach (var variant in Rotated(variants, round - 1))
            {
                // Each variant's workspace is pushed just before it runs and removed after it, so that its timed part meets only
                // its own workspace's rows: Azurite's cost per row grows with the whole table (StorageLeftovers), an account's does not.
                var clock = Stopwatch.StartNew();
                var workspace = await builder.BuildAsync($"r{round}v{Array.IndexOf(variants, variant)}", cancellationToken);
                output.WriteLine($"  workspace pushed and tracked in {clock.Elapsed.TotalSeconds:0.0} s (not timed); {SettleAfterPush.TotalSeconds:0} s for Azurite's autosave of it");
                await Task.Delay(SettleAfterPush, cancellationToken);
                var frozen = options.FreezeIdleApps ? ProcessFreezer.Freeze(apps.Where(instances => instances != uses[variant]).SelectMany(instances => instances.ProcessIds)) : [];
                DeletionRun run;
                try
                {
                    run = Used(workspace, await variant.RunAsync(workspace, cancellationToken));
                }
                finally
                {
                    ProcessFreezer.Thaw(frozen);
                }

                runs[variant].Add(run);
                inOrder.Add((round, variant, run));
                if (!run.Completed)
                {
                    output.WriteLine($"  {variant.Name,-26} did NOT reach ready-to-build");
                }
                else
                {
                    run.Problems.AddRange(await verifier.VerifyAsync(workspace, variant.UpdatesAccounting, cancellationToken));
                    var deletesOnly = run.DeleteWindowSeconds is { } window ? $"  (deletes only {window:0.000} s, {run.DeleteWindowPerSecond:0.0}/s)" : string.Empty;
                    output.WriteLine($"  {variant.Name,-26} {run.Deletions,4} deleted in {run.Seconds,7:0.000} s  {run.PerSecond,7:0.0} deletions/s{deletesOnly}  " +
                        (run.Problems.Count == 0 ? "(verified: planned digests HEAD 404, kept HEAD 200)" : "FAILED"));
                }

                if (run.Cpu.Count > 0)
                {
                    output.WriteLine($"      cpu, cores on average: {CpuMeter.Format(run.Cpu)}");
                }

                foreach (var problem in run.Problems)
                {
                    failures++;
                    output.WriteLine($"    FAILURE: {problem}");
                }

                FanOutBreakdown.Write(output, run);
                await RemoveLeftoversAsync(leftovers, $"round {round}'s {variant.Name}", cancellationToken);
            }
        }

        var requestCosts = await AzuriteRequestCost.MeasureAsync(azurite.ConnectionString, RequestCostSamples, cancellationToken);
        WriteSummary(variants, runs, builder.Deletable, failures);
        WriteBudget(variants, runs, requestCosts);
        (AppInstances? App, string Label)[] labelled = [(solo, "1-instance hub"), (setup, "setup hub"), (pair, "2-instance hub"), (contender, "contender hub")];
        var hubs = labelled
            .Where(hub => hub.App is not null)
            .ToDictionary(hub => hub.App!.HubName, hub => hub.Label);
        return (inOrder, hubs);
    }

    /// <summary>Diagnostic runs: the Azurite requests of each timed part, by kind, per deletion.</summary>
    private void WriteRequestCounts(AzuriteRequestLog log, List<(int Round, IDeletionVariant Variant, DeletionRun Run)> inOrder)
    {
        output.WriteLine();
        output.WriteLine($"Azurite requests during each timed part ({log.Requests.Count} in the whole run's debug log; status polls are the benchmark's own):");
        foreach (var (round, variant, run) in inOrder.Where(entry => entry.Run.Completed))
        {
            var counts = log.Count(run.StartedAt, run.EndedAt);
            var total = counts.Sum(entry => entry.Count);
            output.WriteLine($"  round {round} {variant.Name}: {total} requests in {run.Seconds:0.00} s, {(double)total / run.Deletions:0.0} per deletion, " +
                $"{counts.Sum(entry => entry.Milliseconds) / run.Deletions:0.0} ms of Azurite request time per deletion" +
                (run.StatusPolls > 0 ? $" (of the requests, {run.StatusPolls} are status polls)" : string.Empty));
            output.WriteLine("    count  per deletion  lost races (409/412)  Azurite ms  kind");
            foreach (var (kind, count, conflicts, milliseconds) in counts.Where(entry => entry.Count >= 2))
            {
                output.WriteLine($"    {count,5}  {(double)count / run.Deletions,12:0.00}  {conflicts,20}  {milliseconds,10:0}  {kind}");
            }
        }
    }

    private async Task WarmUpAsync(IDeletionVariant[] variants, CleanupWorkspaceBuilder warmUp, CancellationToken cancellationToken)
    {
        // JIT, connections, tables and queues: paid once per process here rather than by whichever variant goes first.
        foreach (var variant in variants)
        {
            var workspace = await warmUp.BuildAsync($"warm{Array.IndexOf(variants, variant)}", cancellationToken);
            var run = Used(workspace, await variant.RunAsync(workspace, cancellationToken));
            WriteWarmUp($"{variant.Name,-26}", run);
        }
    }

    /// <summary>
    /// Full-size fan-outs before the rounds: each warm-up round posts one build to every process of a variant, since the
    /// process that takes the POST usually runs the whole build (it wakes its own queue listeners first). A process meets
    /// the work-item path a few times before its methods reach optimized code: a perf profile of a first full-size fan-out
    /// put half the app's CPU in libclrjit, and of a pair's second process, meeting the path in a timed round, three
    /// quarters. That is what made two instances look twice as costly per deletion as one. A long-running service pays
    /// it once. Then <see cref="CleanupDeletesOptions.SmallWarmUps"/> small ones per process, for the code run once per cleanup.
    /// </summary>
    private async Task WarmUpFanOutsAsync(List<FanOutVariant> fanOuts, CleanupWorkspaceBuilder full, CleanupWorkspaceBuilder small, CancellationToken cancellationToken)
    {
        for (var round = 1; round <= options.WarmUpRounds; round++)
        {
            foreach (var variant in fanOuts)
            {
                for (var process = 0; process < variant.Processes; process++)
                {
                    var workspace = await full.BuildAsync($"warm{round}f{fanOuts.IndexOf(variant)}p{process}", cancellationToken);
                    var run = Used(workspace, await variant.RunAsync(workspace, process, cancellationToken));
                    WriteWarmUp($"{round} {variant.Name,-24} via process {process + 1}:", run);
                }
            }
        }

        foreach (var variant in fanOuts)
        {
            for (var process = 0; process < variant.Processes; process++)
            {
                var seconds = new List<double>();
                for (var cleanup = 1; cleanup <= options.SmallWarmUps; cleanup++)
                {
                    var workspace = await small.BuildAsync($"warms{cleanup}f{fanOuts.IndexOf(variant)}p{process}", cancellationToken);
                    var run = Used(workspace, await variant.RunAsync(workspace, process, cancellationToken));
                    if (!run.Completed)
                    {
                        WriteWarmUp($"small {cleanup} {variant.Name,-18} via process {process + 1}:", run);
                    }

                    seconds.Add(run.Seconds);
                }

                if (seconds.Count > 0)
                {
                    output.WriteLine($"  warm-up: {seconds.Count} small cleanups, {variant.Name} via process {process + 1}: {string.Join(", ", seconds.Select(value => value.ToString("0.000")))} s (not counted)");
                }
            }
        }
    }

    /// <summary>Notes the partitions a run leaves (its workspace's, its build's) for <see cref="RemoveLeftoversAsync"/>.</summary>
    private DeletionRun Used(CleanupWorkspace workspace, DeletionRun run)
    {
        usedPartitions.Add(workspace.Id);
        if (run.BuildId is { } build)
        {
            usedPartitions.Add(build);
        }

        return run;
    }

    /// <summary>Not timed: what the runs since the last call left in storage goes (<see cref="StorageLeftovers"/>).</summary>
    private async Task RemoveLeftoversAsync(StorageLeftovers leftovers, string after, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var removed = await leftovers.RemoveAsync(usedPartitions, cancellationToken);
        output.WriteLine($"  storage: {removed} rows {after} left removed from {usedPartitions.Count} partitions in {clock.Elapsed.TotalSeconds:0.0} s (not timed)");
        usedPartitions.Clear();
    }

    private void WriteWarmUp(string label, DeletionRun run) =>
        output.WriteLine($"  warm-up {label} {run.Deletions,4} deleted in {run.Seconds,7:0.000} s (not counted)" +
            (run.Completed ? string.Empty : $": NOT completed, {string.Join("; ", run.Problems)}"));

    private void WriteSummary(IDeletionVariant[] variants, Dictionary<IDeletionVariant, List<DeletionRun>> runs, int deletable, int failures)
    {
        output.WriteLine();
        output.WriteLine($"Command: `{options.CommandLine}`");
        output.WriteLine();
        output.WriteLine("| variant | deletions a round | median deletions/s | per round | median deletes-only deletions/s | per round |");
        output.WriteLine("|---|---:|---:|---|---:|---|");
        foreach (var variant in variants)
        {
            var perRound = Join(runs[variant].Select(run => run.Completed ? run.PerSecond : (double?)null));
            var deletesOnly = runs[variant].Select(run => run.DeleteWindowPerSecond).ToList();
            output.WriteLine($"| {variant.Name} | {deletable} | {Format(MedianPerSecond(runs[variant]))} | {perRound} | " +
                (deletesOnly.Any(value => value is not null) ? $"{Format(MedianDeletesOnly(runs[variant]))} | {Join(deletesOnly)} |" : "- | - |"));
        }

        var sequential = MedianPerSecond(runs[variants[0]]);
        var raw = MedianPerSecond(runs[variants[1]]);
        if (variants.OfType<RawParallelDeleteVariant>().Skip(1).FirstOrDefault() is { } pushOrder)
        {
            output.WriteLine();
            output.WriteLine($"The raw loop in push order against the cleanup's order: {MedianPerSecond(runs[pushOrder]) / raw:0.00}x (per round {string.Join(", ", runs[pushOrder].Zip(runs[variants[1]], (other, baseline) => (other.PerSecond / baseline.PerSecond).ToString("0.00")))}).");
        }

        output.WriteLine();
        output.WriteLine("| cleanup | vs sequential (goal >= 3x) | vs raw parallel (goal >= 0.8x) | deletes only vs sequential | deletes only vs raw parallel | to the status's write vs raw parallel (per round) |");
        output.WriteLine("|---|---:|---:|---:|---:|---|");
        foreach (var variant in variants.OfType<FanOutVariant>())
        {
            var fanOut = MedianPerSecond(runs[variant]);
            var deletesOnly = MedianDeletesOnly(runs[variant]);
            var written = runs[variant].Select(run => run.ReadyWrittenPerSecond).ToList();
            var toWrite = written.Any(value => value is not null) ? $"{Ratio(Median.Of(written.OfType<double>()) / raw, null)} ({Join(written)}/s)" : "-";
            output.WriteLine($"| {variant.Name} | {Ratio(fanOut / sequential, 3)} | {Ratio(fanOut / raw, 0.8)} | {Ratio(deletesOnly / sequential, null)} | {Ratio(deletesOnly / raw, null)} | {toWrite} |");
        }

        output.WriteLine();
        output.WriteLine($"CPU during the timed part, median cores over the completed rounds ({CpuAffinity.Online().Count} cores in all):");
        output.WriteLine();
        var components = new[] { CpuMeter.Azurite, CpuMeter.Apps, CpuMeter.Hosts, CpuMeter.Workers, CpuMeter.Registry, CpuMeter.Benchmark, CpuMeter.RestOfMachine, CpuMeter.Stolen };
        output.WriteLine($"| variant | {string.Join(" | ", components)} | Azurite CPU ms per deletion | app CPU ms per deletion | of it, local hosts | of it, workers | of it, tier-up JIT |");
        output.WriteLine($"|---|{string.Concat(components.Select(_ => "---:|"))}---:|---:|---:|---:|---:|");
        foreach (var variant in variants)
        {
            var measured = runs[variant].Where(run => run.Completed && run.Cpu.Count > 0).ToList();
            output.WriteLine($"| {variant.Name} | {string.Join(" | ", components.Select(component =>
                measured.Count == 0 ? "-" : Median.Of(measured.Select(run => CoresOf(run, component))).ToString("0.00")))} | " +
                $"{PerDeletion(measured, CpuMeter.Azurite)} | {PerDeletion(measured, CpuMeter.Apps)} | {PerDeletion(measured, CpuMeter.Hosts)} | {PerDeletion(measured, CpuMeter.Workers)} | {PerDeletion(measured, CpuMeter.AppsTierUpJit)} |");
        }

        var incomplete = runs.Values.Sum(list => list.Count(run => !run.Completed));
        output.WriteLine();
        output.WriteLine(failures == 0
            ? "Every completed run verified: every planned digest gone from the registry, every kept image still there, the accounting left with the kept images."
            : $"FAILED: {failures} problems (see FAILURE lines above); {incomplete} runs did not complete and are left out of the medians.");
    }

    /// <summary>
    /// What the 0.8x goal leaves for storage and orchestration: the CPU the machine's cores give a deletion at that rate,
    /// less what the raw loop's registry and client spent per deletion (with the registry on a CPU of its own: what the
    /// other CPUs give), against what the fan-out's Azurite and app spent.
    /// </summary>
    private void WriteBudget(IDeletionVariant[] variants, Dictionary<IDeletionVariant, List<DeletionRun>> runs, IReadOnlyList<(string Kind, double CpuMilliseconds)> requestCosts)
    {
        output.WriteLine();
        output.WriteLine($"Azurite CPU per storage request ({RequestCostSamples} of each straight from the benchmark, 8 in flight, after the rounds):");
        output.WriteLine();
        output.WriteLine("| request | Azurite CPU ms |");
        output.WriteLine("|---|---:|");
        foreach (var (kind, milliseconds) in requestCosts)
        {
            output.WriteLine($"| {kind} | {milliseconds:0.00} |");
        }

        var raw = runs[variants[1]].Where(run => run.Completed && run.Cpu.Count > 0).ToList();
        var fanOut = runs[variants[2]].Where(run => run.Completed && run.Cpu.Count > 0).ToList();
        if (raw.Count == 0 || fanOut.Count == 0)
        {
            return;
        }

        var goalRate = 0.8 * MedianPerSecond(runs[variants[1]]);
        var registry = CpuPerDeletion(raw, CpuMeter.Registry);
        var client = CpuPerDeletion(raw, CpuMeter.Benchmark);
        var spent = $"the one-instance fan-out's Azurite used {CpuPerDeletion(fanOut, CpuMeter.Azurite):0.0} ms and its app {CpuPerDeletion(fanOut, CpuMeter.Apps):0.0} ms per deletion " +
            $"(local host {CpuPerDeletion(fanOut, CpuMeter.Hosts):0.0}, worker {CpuPerDeletion(fanOut, CpuMeter.Workers):0.0}; the worker's share includes the registry DELETE the raw loop's client made).";
        // With the registry on a CPU of its own, the goal's budget is what the other CPUs give the rest of a deletion.
        var cores = options.RegistryCpu is null ? CpuAffinity.Online().Count : CpuAffinity.OfThisProcess().Count;
        var allowed = cores * 1000 / goalRate;
        output.WriteLine();
        output.WriteLine(options.RegistryCpu is { } cpu
            ? $"CPU budget at the 0.8x goal: the registry has CPU {cpu} to itself (the raw loop's registry used {registry:0.0} ms per deletion there); " +
                $"at {goalRate:0} deletions/s the other {cores} CPU(s) allow {allowed:0.0} ms per deletion for Azurite, the app and the benchmark together. " +
                $"The raw loop's client used {client:0.0} ms; {spent}"
            : $"CPU budget at the 0.8x goal: {goalRate:0} deletions/s on {cores} cores allows {allowed:0.0} ms of CPU per deletion in all. " +
                $"The raw loop's registry used {registry:0.0} ms and its client {client:0.0} ms per deletion, leaving {allowed - registry - client:0.0} ms for storage and orchestration; {spent}");
    }

    private static double CoresOf(DeletionRun run, string component) => run.Cpu.First(pair => pair.Component == component).Cores;

    /// <summary>CPU milliseconds a component spent per deleted digest (cores x seconds / deletions), median over the runs.</summary>
    private static string PerDeletion(List<DeletionRun> runs, string component) =>
        runs.Count == 0 ? "-" : CpuPerDeletion(runs, component).ToString("0.0");

    private static double CpuPerDeletion(List<DeletionRun> runs, string component) =>
        Median.Of(runs.Select(run => CoresOf(run, component) * run.Seconds * 1000 / run.Deletions));

    /// <summary>The median over the runs that completed; NaN when none did.</summary>
    private static double MedianPerSecond(List<DeletionRun> runs) =>
        runs.Any(run => run.Completed) ? Median.Of(runs.Where(run => run.Completed).Select(run => run.PerSecond)) : double.NaN;

    private static double MedianDeletesOnly(List<DeletionRun> runs) =>
        runs.Any(run => run.DeleteWindowPerSecond is not null) ? Median.Of(runs.Select(run => run.DeleteWindowPerSecond).OfType<double>()) : double.NaN;

    private static IEnumerable<IDeletionVariant> Rotated(IDeletionVariant[] variants, int offset) =>
        Enumerable.Range(0, variants.Length).Select(index => variants[(index + offset) % variants.Length]);

    private static string Join(IEnumerable<double?> values) => string.Join(", ", values.Select(value => value is { } number ? number.ToString("0.0") : "failed"));

    private static string Format(double value) => double.IsNaN(value) ? "not completed" : value.ToString("0.0");

    private static string Ratio(double ratio, double? goal) =>
        double.IsNaN(ratio) ? "n/a (not completed)" : goal is { } least ? $"{ratio:0.00}x ({(ratio >= least ? "met" : "NOT met")})" : $"{ratio:0.00}x";
}
