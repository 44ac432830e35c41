using System.Diagnostics;

namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// The registry's own limit: the candidates' manifests deleted by digest straight from the benchmark, a fixed number
/// in flight, nothing else (no accounting, no queue, no orchestration). The ceiling a fan-out can approach.
/// </summary>
internal sealed class RawParallelDeleteVariant(RegistryManifests registry, int parallelism) : IDeletionVariant
{
    public string Name => $"raw parallel DELETE x{parallelism}";

    public bool UpdatesAccounting => false;

    public async Task<DeletionRun> RunAsync(CleanupWorkspace workspace, CancellationToken cancellationToken)
    {
        var cpu = CpuMeter.Take();
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(workspace.Candidates, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (image, token) => await registry.DeleteAsync(image.Repository, image.Digest, token));
        return new DeletionRun(workspace.Candidates.Count, clock.Elapsed.TotalSeconds, [])
        {
            Cpu = CpuMeter.Between(cpu, CpuMeter.Take()),
            StartedAt = startedAt,
            EndedAt = DateTimeOffset.UtcNow,
        };
    }
}
