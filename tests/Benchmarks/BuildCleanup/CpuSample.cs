namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>CPU seconds used so far by each component of the run (by name), by the whole machine, and stolen from it by the hypervisor, at one moment.</summary>
internal sealed record CpuSample(DateTimeOffset At, IReadOnlyDictionary<string, double> Seconds, double MachineBusySeconds, double MachineStolenSeconds);
