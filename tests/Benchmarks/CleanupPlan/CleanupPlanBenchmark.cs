using BenchmarkDotNet.Attributes;
using Orbit.Quota.Cleanup;
using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;

namespace Orbit.Benchmarks.CleanupPlan;

/// <summary>
/// <see cref="CleanupPlanner.Plan"/> on workspaces of 1k, 10k and 100k images above the trigger: the time a
/// pre-build quota check spends planning once it has read the records. Goal: 100k well under 200 ms.
/// </summary>
/// <remarks>Run it through <see cref="CleanupPlanRunner"/> (the <c>cleanup-plan</c> command), which sets the job.</remarks>
[MemoryDiagnoser]
public class CleanupPlanBenchmark
{
    private IReadOnlyList<ImageRecord> images = [];
    private WorkspaceUsage? usage;

    [Params(1_000, 10_000, 100_000)]
    public int Images { get; set; }

    [GlobalSetup]
    public void CreateWorkspace() => (images, usage) = SyntheticWorkspace.Create(Images);

    [Benchmark]
    public Orbit.Quota.Cleanup.CleanupPlan Plan() => CleanupPlanner.Plan(images, usage!);
}
