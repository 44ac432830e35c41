using Orbit.Benchmarks.BuildCleanup;
using Orbit.Testing;

namespace Orbit.Benchmarks.IdleRequests;

/// <summary>
/// The price of polling: the storage requests the function app makes while nobody calls it, counted from Azurite's
/// debug log by kind (Durable's control and work-item queues, its partitions table and lease blobs, the queue triggers,
/// the timers' locks and schedule status), and the CPU its processes (local host, worker) and Azurite use meanwhile.
/// Each configuration gets its instances started, left to settle, then counted over whole idle minutes: the app as
/// shipped (host.json's Durable queues polled at most 100 ms apart), the same with the .NET thread pool's workers
/// sleeping as soon as they run out of work instead of spinning first (a runtime setting the app does not set), and
/// Durable's default polling (30 s), which is what an app that does not set maxQueuePollingInterval pays.
/// </summary>
internal sealed class IdleRequestsBenchmark(IdleRequestsOptions options, TextWriter output)
{
    private const string MaxQueuePollingInterval = "AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval";

    // How often a thread-pool worker spins (sched_yield) before it sleeps, after each piece of work: 70 by default on x64.
    private const string ThreadPoolSpin = "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        options.Validate();
        var logDirectory = ScratchDirectory.Create("orbit-idle-requests-");
        var debugLog = Path.Combine(logDirectory, "azurite-debug.log");
        var configurations = new (string Label, Dictionary<string, string?> Settings)[]
        {
            ("host.json: maxQueuePollingInterval 100 ms", new()),
            ("the same, the thread pool not spinning", new() { [ThreadPoolSpin] = "0" }),
            ("Durable's default: maxQueuePollingInterval 30 s", new() { [MaxQueuePollingInterval] = "00:00:30" }),
        };
        var windows = new List<(string Label, string Hub, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<(string Component, double Cores)> Cpu)>();
        await using (var azurite = await AzuriteServer.StartAsync(debugLog))
        {
            await using var registry = await RegistryServer.StartAsync();
            output.WriteLine($"idle-requests: {options.Instances} instance(s) of the function app per configuration, {options.SettleSeconds} s to settle, then {options.Minutes} idle minute(s) counted; " +
                $"Azurite's debug log in {debugLog}");
            foreach (var (label, settings) in configurations)
            {
                await using var app = await AppInstances.StartAsync("idle", options.Instances, azurite.ConnectionString, registry, TestNames.Table("usage"), null, settings);
                await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds), cancellationToken);
                var from = DateTimeOffset.UtcNow;
                var cpuBefore = CpuMeter.Take();
                await Task.Delay(TimeSpan.FromMinutes(options.Minutes), cancellationToken);
                var cpu = CpuMeter.Between(cpuBefore, CpuMeter.Take());
                if (!app.AllRunning)
                {
                    throw new InvalidOperationException($"An instance exited while {label} was counted; its output follows as the instances stop.");
                }

                windows.Add((label, app.HubName, from, DateTimeOffset.UtcNow, cpu));
                output.WriteLine($"  counted {label}: {from:HH:mm:ss} to {DateTimeOffset.UtcNow:HH:mm:ss}");
            }
        }

        // Read once Azurite has stopped, so the log is complete.
        output.WriteLine();
        output.WriteLine($"Command: `{options.CommandLine}`");
        output.WriteLine();
        output.WriteLine($"CPU while idle, cores on average ({CpuAffinity.Online().Count} cores in all; CPU seconds a minute = cores x 60):");
        output.WriteLine();
        output.WriteLine("| configuration | app processes | of it, local hosts | of it, workers | Azurite | rest of machine |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (label, _, _, _, cpu) in windows)
        {
            var cores = cpu.ToDictionary(pair => pair.Component, pair => pair.Cores);
            output.WriteLine($"| {label} | {cores[CpuMeter.Apps]:0.000} | {cores[CpuMeter.Hosts]:0.000} | {cores[CpuMeter.Workers]:0.000} | {cores[CpuMeter.Azurite]:0.000} | {cores[CpuMeter.RestOfMachine]:0.000} |");
        }

        foreach (var (label, hub, from, to, _) in windows)
        {
            var log = AzuriteRequestLog.Read(debugLog, new Dictionary<string, string> { [hub] = "task hub" });
            var counts = log.Count(from, to);
            var minutes = (to - from).TotalMinutes;
            output.WriteLine();
            output.WriteLine($"{label}, {options.Instances} instance(s): {counts.Sum(entry => entry.Count) / minutes:0} requests a minute ({counts.Sum(entry => entry.Count)} in {minutes:0.0} min)");
            output.WriteLine();
            output.WriteLine("| requests a minute | kind |");
            output.WriteLine("|---:|---|");
            foreach (var (kind, count, _, _) in counts)
            {
                output.WriteLine($"| {count / minutes:0.0} | {kind} |");
            }
        }

        output.WriteLine();
        output.WriteLine($"Azurite's debug log, every request with its time, is kept in {debugLog}.");
    }
}
