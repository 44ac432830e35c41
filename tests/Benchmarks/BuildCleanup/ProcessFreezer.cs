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
        var frozen = roots.SelectMany(root => ProcessTree.Below(root).Prepend(root)).Distinct().ToList();
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

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
