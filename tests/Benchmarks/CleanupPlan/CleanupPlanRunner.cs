using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Orbit.Benchmarks.CleanupPlan;

/// <summary>Runs <see cref="CleanupPlanBenchmark"/> with BenchmarkDotNet and ends with one median line per workspace size.</summary>
internal static class CleanupPlanRunner
{
    public static int Run(TextWriter output)
    {
        // In process: the default toolchain generates a project and rebuilds the whole graph (the function apps
        // included) into the same obj/ folders a developer may be building in at that moment, for a pure in-memory
        // function that gains nothing from a process of its own. Fixed counts instead of "until the error is
        // small", which on a shared 2-core machine can run for many minutes; a median of 20 iterations already
        // shrugs off the outliers such machines add.
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(20);
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(job)
            .AddColumn(StatisticColumn.Median, StatisticColumn.Min)
            // Under the build output (git-ignored), not wherever the command was started.
            .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
        var summary = BenchmarkRunner.Run<CleanupPlanBenchmark>(config);

        output.WriteLine();
        foreach (var report in summary.Reports.OrderBy(report => (int)report.BenchmarkCase.Parameters["Images"]))
        {
            var images = (int)report.BenchmarkCase.Parameters["Images"];
            var statistics = report.ResultStatistics;
            output.WriteLine(statistics is null
                ? $"cleanup-plan: {images,7:N0} images: no result (see the log above)"
                : $"cleanup-plan: {images,7:N0} images: median {statistics.Median / 1e6:0.0} ms (min {statistics.Min / 1e6:0.0} ms)");
        }

        return summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success) ? 1 : 0;
    }
}
