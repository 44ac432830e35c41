using System.Runtime.InteropServices;

namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// Stops processes and their descendants (SIGSTOP) and lets them go on (SIGCONT). The benchmark freezes the app instances
/// a variant does not use during its timed part: idle, they still poll their task hub's queues, and that polling, on the
/// CPU the measured variant shares with Azurite, belongs to neither contender. Frozen for seconds, they keep their state
/// (and their compiled code); their partition leases outlast it.
/// </summary>
internal static partial class ProcessFreezer
{
    private const int SigCont = 18;
    private const int SigStop = 19;

    public static IReadOnlyList<int> Freeze(IEnumerable<int> roots)
    {
        var frozen = roots.SelectMany(WithDescendants).Distinct().ToList();
        frozen.ForEach(pid => SendSignal(pid, SigStop));
        return frozen;
    }

    public static void Thaw(IReadOnlyList<int> frozen)
    {
        foreach (var pid in frozen)
        {
            SendSignal(pid, SigCont);
        }
    }

    private static IEnumerable<int> WithDescendants(int root)
    {
        var parents = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && ParentOf(pid) is { } parent)
            {
                (parents.TryGetValue(parent, out var children) ? children : parents[parent] = []).Add(pid);
            }
        }

        var found = new List<int> { root };
        for (var index = 0; index < found.Count; index++)
        {
            found.AddRange(parents.GetValueOrDefault(found[index]) ?? []);
        }

        return found;
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            // Field 4 of /proc/<pid>/stat, after the command name in parentheses (which may hold spaces).
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
