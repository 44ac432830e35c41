using Microsoft.DurableTask.Client;
using Orbit.Functions.Builds;
using static Orbit.Quota.Tests.Builds.Replay.ReplayWorkspace;

namespace Orbit.Quota.Tests.Builds.Replay;

public sealed class ExternalRegistryReplayTests
{
    [Fact]
    public async Task A_build_for_an_external_registry_is_ready_at_once_without_a_quota_check_and_ends_with_the_pushed_digest_untracked()
    {
        var scenario = new BuildScenario(Plan(Tagged(["api"], 6, (_, _) => 10 * MiB), 60 * MiB));
        await using var host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings());

        var id = await host.StartBuildAsync(Input() with { Registry = BuildRegistry.External });
        var ready = await host.WaitForStatusAsync(id, status => status.Phase == BuildStatus.ReadyToBuild);

        Assert.Equal(["External registry: no quota check or cleanup."], ready.BuildLog);
        Assert.Null(ready.Cleanup);
        Assert.DoesNotContain(host.Episodes.ActionsOf(id), action => action.Kind == OrchestratorAction.Status && !action.Detail.Contains(BuildStatus.ReadyToBuild, StringComparison.Ordinal));
        var done = await host.PushedAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(new BuildResult(null, null, null, null, PushedDigest.Value), done.ReadOutputAs<BuildResult>());
        Assert.Empty(scenario.Calls);
    }
}
