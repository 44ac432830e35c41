using System.Globalization;
using Orbit.Testing;

namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// Where the CPU went while something was measured, from Linux's /proc: the benchmark itself, each kind of process it
/// started, directly or through them (Azurite, the registry, the local hosts and the workers they start), and the rest
/// of the machine (whatever else runs on it). On two cores this says whether a figure is bound by one component's CPU
/// or by waiting.
/// </summary>
internal static class CpuMeter
{
    public const string Azurite = "Azurite";
    public const string Registry = "registry";

    /// <summary>The function app as a whole: its local hosts and their worker processes.</summary>
    public const string Apps = "app processes";

    /// <summary>Part of <see cref="Apps"/>: the local hosts (WebJobs, the Durable extension, HTTP forwarding).</summary>
    public const string Hosts = "of it, local hosts";

    /// <summary>Part of <see cref="Apps"/>: the worker processes (the app's own code).</summary>
    public const string Workers = "of it, workers";

    /// <summary>Part of <see cref="Apps"/>: the runtime's background threads that recompile hot methods as optimized code.</summary>
    public const string AppsTierUpJit = "of it, tier-up JIT";
    public const string Benchmark = "benchmark";
    public const string RestOfMachine = "rest of machine";
    public const string Stolen = "stolen by the hypervisor";

    private const double TicksPerSecond = 100;

    // Of the first line of /proc/stat: user, nice, system, irq and softirq are work done here; steal is time this
    // virtual machine was ready to run while the hypervisor ran someone else.
    private static readonly int[] BusyFields = [1, 2, 3, 6, 7];
    private static readonly int[] StealField = [8];

    public static CpuSample Take()
    {
        var seconds = new Dictionary<string, double> { [Azurite] = 0, [Registry] = 0, [Hosts] = 0, [Workers] = 0, [Benchmark] = ProcessSeconds("self") ?? 0 };
        var tierUpThreads = new Dictionary<string, double>();
        if (OperatingSystem.IsLinux())
        {
            // The local hosts are this benchmark's children, their workers its grandchildren.
            foreach (var pid in ProcessTree.Below(Environment.ProcessId).Select(pid => pid.ToString(CultureInfo.InvariantCulture)))
            {
                var kind = Kind(pid);
                if (kind is not null && ProcessSeconds(pid) is { } used)
                {
                    seconds[kind] += used;
                    if (kind is Hosts or Workers)
                    {
                        AddTierUpThreads(pid, tierUpThreads);
                    }
                }
            }
        }

        seconds[Apps] = seconds[Hosts] + seconds[Workers];
        return new CpuSample(DateTimeOffset.UtcNow, seconds, tierUpThreads, MachineSeconds(BusyFields), MachineSeconds(StealField));
    }

    /// <summary>Cores used on average between two samples, per component, the rest of the machine last.</summary>
    public static IReadOnlyList<(string Component, double Cores)> Between(CpuSample before, CpuSample after)
    {
        var wall = (after.At - before.At).TotalSeconds;
        var cores = after.Seconds.Select(pair => (pair.Key, Math.Max(0, pair.Value - before.Seconds.GetValueOrDefault(pair.Key)) / wall)).ToList();
        var machine = (after.MachineBusySeconds - before.MachineBusySeconds) / wall;
        cores.Add((RestOfMachine, Math.Max(0, machine - cores.Where(pair => pair.Key is not (Hosts or Workers)).Sum(pair => pair.Item2))));
        // A thread that ended inside the window takes its share with it, so this can only under-count.
        var tierUp = after.TierUpThreads.Sum(pair => Math.Max(0, pair.Value - before.TierUpThreads.GetValueOrDefault(pair.Key))) / wall;
        cores.Insert(cores.FindIndex(pair => pair.Key == Apps) + 1, (AppsTierUpJit, tierUp));
        cores.Add((Stolen, (after.MachineStolenSeconds - before.MachineStolenSeconds) / wall));
        return cores;
    }

    public static string Format(IReadOnlyList<(string Component, double Cores)> cores) =>
        string.Join(" | ", cores.Select(pair => $"{pair.Component} {pair.Cores:0.00}"));

    private static string? Kind(string pid)
    {
        string commandLine;
        try
        {
            commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return null;
        }

        return commandLine.Contains("azurite", StringComparison.Ordinal) ? Azurite
            : commandLine.Contains("docker-registry", StringComparison.Ordinal) ? Registry
            : commandLine.Contains("Orbit.LocalHost", StringComparison.Ordinal) ? Hosts
            : commandLine.Contains("Orbit.Functions", StringComparison.Ordinal) || commandLine.Contains("Orbit.TestFunctionApp", StringComparison.Ordinal) ? Workers
            : null;
    }

    // utime and stime, fields 14 and 15.
    private static double? ProcessSeconds(string pid) =>
        ProcessStat.Fields(pid) is { } fields ? (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond : null;

    /// <summary>The CPU so far of the process's tiered-compilation thread (".NET Tiered Compilation Worker", cut to 15 characters by Linux).</summary>
    private static void AddTierUpThreads(string pid, Dictionary<string, double> threads)
    {
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                var thread = $"{pid}/task/{Path.GetFileName(task)}";
                if (File.ReadAllText($"/proc/{thread}/comm").StartsWith(".NET Tiered", StringComparison.Ordinal) && ProcessSeconds(thread) is { } used)
                {
                    threads[thread] = used;
                }
            }
        }
        catch (IOException)
        {
            // The process or the thread ended between listing and reading.
        }
    }

    private static double MachineSeconds(int[] indexes)
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return indexes.Sum(index => long.Parse(fields[index], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }
}
