using Microsoft.DurableTask.Client;
using Orbit.Functions.Builds;
using static Orbit.Quota.Tests.Builds.Replay.ReplayWorkspace;

namespace Orbit.Quota.Tests.Builds.Replay;

public sealed class DeterminismReplayTests
{
    [Fact]
    public async Task Every_episode_replays_exactly_what_the_episodes_before_it_did()
    {
        // A cleanup with every kind of step: a check, two batches, a digest retried after a durable timer, the history,
        // the lease, ready-to-build with its timeout timer and events, and the tracking.
        var plan = Plan(Tagged(["api"], 6, (_, _) => 10 * MiB), 60 * MiB, targetPercent: 50);
        var stubborn = plan.Deletions[1].Digest;
        var refusals = 0;
        var scenario = new BuildScenario(plan)
        {
            Delete = request => Task.FromResult<IReadOnlyList<DeletionOutcome>>(
            [
                .. request.Digests.Select(digest => digest.Digest == stubborn && Interlocked.Increment(ref refusals) == 1
                    ? new DeletionOutcome(digest.Repository, digest.Digest, digest.Tags, DeletionOutcome.Failed, 0, "the registry answered 503", digest.Reason)
                    : BuildScenario.Deleted(plan, digest)),
            ]),
        };
        await using var host = await ReplayHost.StartAsync(scenario, ReplayHost.Settings());

        var id = await host.StartBuildAsync(Input());
        await host.WaitForStatusAsync(id, status => status.Phase == BuildStatus.ReadyToBuild);
        var done = await host.PushedAsync(id);

        // The engine replays each episode from the history, and fails an instance whose replay schedules other tasks
        // than the history holds (names and order).
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(3, scenario.Deletes.Count);

        // Beyond what the engine compares, each episode's replay asked for the same inputs, set the same statuses and
        // created timers for the same times as the episode before it did: an orchestrator that read the machine's clock
        // (DateTime.UtcNow), a new GUID or anything else its history does not hold would differ here.
        var episodes = host.Episodes.Of(id);
        Assert.True(episodes.Count >= 6, $"{episodes.Count} episodes");
        foreach (var (earlier, later) in episodes.Zip(episodes.Skip(1)))
        {
            Assert.Equal(earlier.Actions, later.Actions.Take(earlier.Actions.Count));
        }

        var all = episodes[^1].Actions;
        Assert.Equal(
            [OrchestratorAction.Activity, OrchestratorAction.Event, OrchestratorAction.Status, OrchestratorAction.Timer],
            all.Select(action => action.Kind).Distinct().Order());
        Assert.Equal(2, all.Count(action => action.Kind == OrchestratorAction.Timer));
    }
}
