using Microsoft.DurableTask.Client;
using Orbit.Functions.Builds;
using static Orbit.Quota.Tests.Builds.Replay.ReplayWorkspace;

namespace Orbit.Quota.Tests.Builds.Replay;

public sealed class BuildEventsReplayTests
{
    [Fact]
    public async Task BuildFailed_fails_the_instance_with_the_reason_and_tracks_nothing()
    {
        var scenario = BelowTrigger();
        await using var host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings());
        var id = await host.StartBuildAsync(Input());
        await host.WaitForStatusAsync(id, status => status.Phase == BuildStatus.ReadyToBuild);

        await host.Client.RaiseEventAsync(id, BuildOrchestrator.BuildFailedEvent, new BuildFailed("error CS1002: ; expected in api/Program.cs"));
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(BuildFailedException).FullName, done.FailureDetails!.ErrorType);
        Assert.Equal("The build system reported BuildFailed: error CS1002: ; expected in api/Program.cs.", done.FailureDetails.ErrorMessage);
        Assert.Empty(scenario.Tracks);
    }

    [Fact]
    public async Task No_event_within_Builds_Timeout_fails_the_instance_with_a_TimeoutException_naming_the_setting()
    {
        var scenario = BelowTrigger();
        var timeout = TimeSpan.FromMilliseconds(300);
        await using var host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings(settings => settings.Timeout = timeout));

        var id = await host.StartBuildAsync(Input());
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(TimeoutException).FullName, done.FailureDetails!.ErrorType);
        Assert.Contains($"within {timeout} (Builds:Timeout)", done.FailureDetails.ErrorMessage);
        // A durable timer, Builds:Timeout after ready-to-build.
        var actions = host.Episodes.ActionsOf(id);
        var ready = actions.ToList().FindLastIndex(action => action.Kind == OrchestratorAction.Status && action.Detail.Contains(BuildStatus.ReadyToBuild, StringComparison.Ordinal));
        Assert.Equal(timeout, actions.Skip(ready).Single(action => action.Kind == OrchestratorAction.Timer).Delay);
        Assert.Empty(scenario.Tracks);
    }

    private static BuildScenario BelowTrigger()
    {
        var plan = Plan(Tagged(["api"], 4, (_, _) => 10 * MiB), 100 * MiB);
        return new BuildScenario(plan) { Check = _ => Task.FromResult(QuotaCheck.NothingToDelete(plan)) };
    }
}
