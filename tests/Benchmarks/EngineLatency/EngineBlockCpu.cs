namespace Orbit.Benchmarks.EngineLatency;

/// <summary>The cores each component used on average while one contender ran a block of <paramref name="Instances"/> instances over <paramref name="Seconds"/>.</summary>
internal sealed record EngineBlockCpu(IReadOnlyList<(string Component, double Cores)> Cores, double Seconds, int Instances);
