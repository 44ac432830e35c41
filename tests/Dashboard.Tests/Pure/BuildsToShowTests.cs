using CsCheck;
using Microsoft.DurableTask.Client;
using Orbit.Functions.Builds;
using Orbit.Functions.Dashboard;

namespace Orbit.Dashboard.Tests.Pure;

public sealed class BuildsToShowTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 0, 0, 0, TimeSpan.Zero);

    private static readonly Gen<OrchestrationMetadata> Build =
        Gen.Select(Gen.Enum<OrchestrationRuntimeStatus>(), Gen.Int[0, 86_400], Gen.Guid)
            .Select((status, second, id) => new OrchestrationMetadata(BuildOrchestrator.Name, id.ToString("N")) { RuntimeStatus = status, CreatedAt = Start.AddSeconds(second) });

    [Fact]
    public void Every_unfinished_build_is_shown_before_any_finished_one_and_the_finished_shown_are_the_newest()
    {
        Gen.Select(Build.List[0, 60], Gen.Int[1, 40]).Sample((builds, max) =>
        {
            var shown = BuildsToShow.Choose(builds, max);
            var unfinished = builds.Where(build => !build.IsCompleted).ToList();
            var finished = builds.Where(build => build.IsCompleted).ToList();
            var finishedShown = shown.Where(build => build.IsCompleted).ToList();
            var newestLeftOut = finished.Except(finishedShown).Select(build => build.CreatedAt).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
            return shown.Count == Math.Min(max, builds.Count)
                && shown.Distinct().Count() == shown.Count
                && shown.Count(build => !build.IsCompleted) == Math.Min(max, unfinished.Count)
                && finishedShown.All(build => build.CreatedAt >= newestLeftOut);
        });
    }

    [Fact]
    public void A_build_waiting_since_yesterday_is_shown_among_a_hundred_newer_finished_ones()
    {
        var waiting = new OrchestrationMetadata(BuildOrchestrator.Name, "waiting") { RuntimeStatus = OrchestrationRuntimeStatus.Running, CreatedAt = Start };
        var finished = Enumerable.Range(1, 100).Select(i => new OrchestrationMetadata(BuildOrchestrator.Name, $"done-{i}") { RuntimeStatus = OrchestrationRuntimeStatus.Completed, CreatedAt = Start.AddMinutes(i) });

        var shown = BuildsToShow.Choose([.. finished, waiting], 10);

        Assert.Equal(["waiting", .. Enumerable.Range(92, 9).Reverse().Select(i => $"done-{i}")], shown.Select(build => build.InstanceId));
    }
}
