using System.Diagnostics;

namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// The registry's own limit: the candidates' manifests deleted by digest straight from the benchmark, a fixed number
/// in flight, nothing else (no accounting, no queue, no orchestration). The ceiling a fan-out can approach.
/// </summary>
/// <param name="inPushOrder">
/// False (the baseline): in the order the cleanup sends them, a repository's digests together (the plan's order within
/// each), so the two differ only in what the cleanup does besides its DELETEs. True: in the candidates' push order, several
/// repositories' digests interleaved, as the baseline was until 2026-12-06 09:00 UTC; the registry's pace depends on it.
/// </param>
internal sealed class RawParallelDeleteVariant(RegistryManifests registry, int parallelism, bool inPushOrder = false) : IDeletionVariant
{
    public string Name => $"raw parallel DELETE x{parallelism}{(inPushOrder ? ", push order" : string.Empty)}";

    public bool UpdatesAccounting => false;

    public async Task<DeletionRun> RunAsync(CleanupWorkspace workspace, CancellationToken cancellationToken)
    {
        // The cleanup's order: DigestToDelete.ByRepository, a stable sort of the plan (the candidates' order) by repository.
        var digests = inPushOrder ? workspace.Candidates : [.. workspace.Candidates.OrderBy(image => image.Repository, StringComparer.Ordinal)];
        var cpu = CpuMeter.Take();
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(digests, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (image, token) => await registry.DeleteAsync(image.Repository, image.Digest, token));
        return new DeletionRun(digests.Count, clock.Elapsed.TotalSeconds, [])
        {
            Cpu = CpuMeter.Between(cpu, CpuMeter.Take()),
            StartedAt = startedAt,
            EndedAt = DateTimeOffset.UtcNow,
        };
    }
}
