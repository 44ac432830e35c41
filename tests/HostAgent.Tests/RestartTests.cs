using Orbit.HostAgent.Cycle;
using Orbit.HostAgent.Tests.Fixtures;

namespace Orbit.HostAgent.Tests;

/// <summary>An agent stopped mid-cycle, after attributing but before its checkpoint, and started again.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task A_cycle_stopped_before_its_checkpoint_is_rerun_attributing_no_event_twice_and_skipping_none()
    {
        await using var podman = await PodmanEngine.StartAsync();
        await using var agent = new AgentHarness(podman);
        using var containers = new TestContainers(podman);
        var options = agent.Options();
        await agent.Cycle(options).RunAsync(CancellationToken.None);
        var baseline = agent.Central.Reports.Count;

        agent.Audit.Connect(1001, DateTimeOffset.UtcNow);
        await containers.CreateAsync("alice-1", 1000);
        await Task.Delay(1500);
        agent.Audit.Connect(1002, DateTimeOffset.UtcNow);
        await containers.CreateAsync("bob-1", 2000);
        await Task.Delay(1100);

        using var crash = new CancellationTokenSource();
        var stopAtAttribution = new StopAt(CycleStage.Attributed, crash);
        var interrupted = agent.Cycle(options, observer: stopAtAttribution).RunAsync(crash.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => interrupted);
        Assert.Equal(baseline, agent.Central.Reports.Count);

        // Restarted: the same state directory, a new cycle object.
        var rerun = await agent.Cycle(options).RunAsync(CancellationToken.None);

        Assert.Equal(2, rerun.Attribution.EventsApplied);
        var owners = rerun.Attribution.Containers.ToDictionary(container => container.Container.DisplayName, container => container.User);
        Assert.Equal("alice", owners["alice-1"]);
        Assert.Equal("bob", owners["bob-1"]);

        await Task.Delay(1100);
        agent.Audit.Connect(1003, DateTimeOffset.UtcNow);
        await containers.CreateAsync("carol-1", 500);
        await Task.Delay(1100);
        var next = await agent.Cycle(options).RunAsync(CancellationToken.None);

        Assert.Equal(1, next.Attribution.EventsApplied);
        owners = next.Attribution.Containers.ToDictionary(container => container.Container.DisplayName, container => container.User);
        Assert.Equal("alice", owners["alice-1"]);
        Assert.Equal("bob", owners["bob-1"]);
        Assert.Equal("carol", owners["carol-1"]);
        var usage = next.Usage.Users.ToDictionary(user => user.User, user => user.ContainerBytes);
        Assert.Equal(1000, usage["alice"]);
        Assert.Equal(2000, usage["bob"]);
        Assert.Equal(500, usage["carol"]);
    }

    private sealed class StopAt(CycleStage stage, CancellationTokenSource crash) : ICycleStageObserver
    {
        public void Reached(CycleStage reached)
        {
            if (reached == stage)
            {
                crash.Cancel();
            }
        }
    }
}
