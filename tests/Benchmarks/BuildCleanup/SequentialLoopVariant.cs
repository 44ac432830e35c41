using System.Diagnostics;

namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// What the source design did: one candidate after the other, in the plan's order, delete the manifest from the
/// registry and then the image's record. Here that pair is one call, <c>DELETE /api/internal/registry-images/{id}</c>,
/// which deletes by digest from the registry and untracks the image; it also first reads the record and asks the
/// registry which other tags of the repository share the digest (tag list plus a HEAD per tag), as the seed's
/// per-tag delete had to. Only the loop is timed; the ids come from the image list, as the seed's plan did.
/// </summary>
internal sealed class SequentialLoopVariant(OrbitApi api) : IDeletionVariant
{
    public string Name => "sequential loop (seed)";

    public bool UpdatesAccounting => true;

    public async Task<DeletionRun> RunAsync(CleanupWorkspace workspace, CancellationToken cancellationToken)
    {
        var cpu = CpuMeter.Take();
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        foreach (var image in workspace.Candidates)
        {
            await api.DeleteImageAsync(image.Id, cancellationToken);
        }

        return new DeletionRun(workspace.Candidates.Count, clock.Elapsed.TotalSeconds, [])
        {
            Cpu = CpuMeter.Between(cpu, CpuMeter.Take()),
            StartedAt = startedAt,
            EndedAt = DateTimeOffset.UtcNow,
        };
    }
}
