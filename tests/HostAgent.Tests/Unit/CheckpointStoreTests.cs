using Orbit.HostAgent.Checkpoints;
using Orbit.Hosts.Attribution;
using Orbit.Hosts.Audit;
using Orbit.Testing;

namespace Orbit.HostAgent.Tests.Unit;

public sealed class CheckpointStoreTests
{
    [Fact]
    public async Task A_saved_checkpoint_loads_back_whole_and_leaves_no_temporary_file()
    {
        var directory = ScratchDirectory.Create("orbit-checkpoint-");
        try
        {
            var store = new CheckpointStore(Path.Combine(directory, "state"));
            var state = AttributionState.Empty with
            {
                ContainerOwners = new() { ["c1"] = "alice" },
                ImageOwners = new() { ["i1"] = new ImageClaim("bob", 42) },
                RecentAudit = [new AuditRecord(DateTimeOffset.FromUnixTimeMilliseconds(1_795_000_000_123), 7, 1001, 1001, "docker-socket", "/usr/bin/docker")],
                EventWatermarkNano = 99,
                RecentEventKeys = new() { ["k"] = 98 },
            };
            var checkpoint = new AgentCheckpoint { AuditOffset = 1234, AuditInode = 55, EventsSince = 1_795_000_000, Attribution = state, UsersAtWarnLevel = ["alice"], CentralLimits = new() { ["alice"] = 10 }, CyclesCompleted = 3 };

            Assert.Equal(0, (await store.LoadAsync(CancellationToken.None)).CyclesCompleted);
            await store.SaveAsync(checkpoint, CancellationToken.None);
            var loaded = await store.LoadAsync(CancellationToken.None);

            Assert.Equal(1234, loaded.AuditOffset);
            Assert.Equal(55UL, loaded.AuditInode);
            Assert.Equal(1_795_000_000, loaded.EventsSince);
            Assert.Equal("alice", loaded.Attribution.ContainerOwners["c1"]);
            Assert.Equal(new ImageClaim("bob", 42), loaded.Attribution.ImageOwners["i1"]);
            Assert.Equal(state.RecentAudit, loaded.Attribution.RecentAudit);
            Assert.Equal(99, loaded.Attribution.EventWatermarkNano);
            Assert.Equal(98, loaded.Attribution.RecentEventKeys["k"]);
            Assert.Equal(["alice"], loaded.UsersAtWarnLevel);
            Assert.Equal(10, loaded.CentralLimits["alice"]);
            Assert.Equal(3, loaded.CyclesCompleted);
            Assert.Equal([CheckpointStore.FileName], Directory.GetFiles(Path.Combine(directory, "state")).Select(Path.GetFileName));
        }
        finally
        {
            ScratchDirectory.TryDelete(directory);
        }
    }
}
