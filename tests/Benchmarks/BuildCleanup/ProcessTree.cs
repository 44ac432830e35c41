using System.Globalization;
using Orbit.Testing;

namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>Linux's process tree and per-process counters, from /proc: what <see cref="CpuMeter"/> measures and <see cref="ProcessFreezer"/> stops.</summary>
internal static class ProcessTree
{
    /// <summary>Every process below <paramref name="root"/> (its children, theirs, and so on), not the root itself.</summary>
    public static List<int> Below(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && ParentOf(pid) is { } parent)
            {
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(pid);
            }
        }

        var found = new List<int>();
        var next = new Queue<int>([root]);
        while (next.TryDequeue(out var parent))
        {
            foreach (var child in children.GetValueOrDefault(parent) ?? [])
            {
                found.Add(child);
                next.Enqueue(child);
            }
        }

        return found;
    }

    private static int? ParentOf(int pid) =>
        ProcessStat.Fields(pid.ToString(CultureInfo.InvariantCulture)) is { } fields ? int.Parse(fields[1], CultureInfo.InvariantCulture) : null;
}
