namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>Which CPUs the machine has online and which this process may run on, from Linux's CPU list files.</summary>
internal static class CpuAffinity
{
    public static IReadOnlySet<int> Online() => Parse(File.ReadAllText("/sys/devices/system/cpu/online"));

    /// <summary>The CPUs this process was started on (by <c>taskset</c>, say); its children inherit them.</summary>
    public static IReadOnlySet<int> OfThisProcess() =>
        Parse(File.ReadLines("/proc/self/status").First(line => line.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal)).Split(':')[1]);

    /// <summary>A kernel CPU list such as <c>0-1,3</c>, as <c>taskset --cpu-list</c> takes it.</summary>
    public static string Format(IEnumerable<int> cpus) => string.Join(",", cpus.Order());

    private static HashSet<int> Parse(string list)
    {
        var cpus = new HashSet<int>();
        foreach (var part in list.Trim().Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = part.Split('-');
            var first = int.Parse(bounds[0]);
            var last = bounds.Length == 2 ? int.Parse(bounds[1]) : first;
            for (var cpu = first; cpu <= last; cpu++)
            {
                cpus.Add(cpu);
            }
        }

        return cpus;
    }
}
