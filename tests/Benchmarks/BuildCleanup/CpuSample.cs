namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// CPU seconds used so far by each component of the run (by name), by the whole machine, and stolen from it by the
/// hypervisor, at one moment; and by each app process's tier-up JIT thread, by "pid/tid", since the runtime ends that
/// thread when it idles and starts a new one.
/// </summary>
internal sealed record CpuSample(
    DateTimeOffset At, IReadOnlyDictionary<string, double> Seconds, IReadOnlyDictionary<string, double> TierUpThreads, double MachineBusySeconds, double MachineStolenSeconds);
