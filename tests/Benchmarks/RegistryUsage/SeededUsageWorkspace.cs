namespace Orbit.Benchmarks.RegistryUsage;

/// <summary>A workspace written directly to the usage table, with the aggregate its rows add up to.</summary>
internal sealed record SeededUsageWorkspace(string Id, int Images, long UsedBytes, int Rows, double Seconds);
