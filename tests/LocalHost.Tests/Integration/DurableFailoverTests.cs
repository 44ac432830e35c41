using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orbit.Testing;
using Xunit.Abstractions;

namespace Orbit.LocalHost.Tests.Integration;

/// <summary>
/// A local host killed with SIGKILL, host and worker together, while orchestrations wait on durable timers: the other
/// host on the task hub takes over its partitions once their leases expire (DurableTask.AzureStorage's lease interval,
/// about 30 s) and finishes them.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class DurableFailoverTests(StorageFixture fixture, ITestOutputHelper output)
{
    private const int Orchestrations = 12;
    // Long enough that every first episode has run before the timers fire, with room for a loaded machine: CI once saw
    // an instance still Pending after 20 s.
    private const int TimerSeconds = 40;

    [Fact]
    public async Task After_SIGKILL_of_one_host_the_other_takes_over_its_partitions_and_completes_the_orchestrations_started_before()
    {
        var pair = await fixture.StartPairAsync("failover", new Dictionary<string, string?>());
        await using var survivor = pair.First;
        await using var doomed = pair.Second;
        var hub = survivor.Setting(TestAppSettings.HubName);
        // Started once the partitions have settled between the two: a message on a partition being handed over waits
        // for the hand-over (the loser drains, the winner acquires on its next lease loop), which CI once saw keep an
        // instance Pending for over 35 s.
        var before = await Eventually.ReturnsAsync(
            () => TaskHubPartitions.ReadSettledAsync(fixture.Azurite, hub, TimeSpan.FromSeconds(3)),
            owners => owners is not null && owners.AllOwned(TestAppSettings.PartitionCount) && owners.OwnerCount == 2, TimeSpan.FromSeconds(90),
            "the two hosts to share the task hub's partitions, none moving for 3 s");
        output.WriteLine($"before the kill: {before}");

        var names = Enumerable.Range(0, Orchestrations).Select(i => $"failover{i}-{Guid.NewGuid():N}"[..20]).ToList();
        var statuses = new List<Uri>();
        foreach (var name in names)
        {
            using var started = await DurableFunctionsTests.StartGreetingAsync(survivor, name, TimerSeconds);
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            statuses.Add(started.Headers.Location!);
        }

        // Every instance has run its first episode (its timer is set) before the kill, unless the engine held one back: a
        // partition handed over between the two under load keeps its messages waiting (CI once saw an instance Pending for
        // over 35 s). Such an instance was started before the kill all the same, and what follows must hold for it too.
        using var client = new HttpClient();
        try
        {
            await Eventually.ReturnsAsync(
                async () => string.Join(", ", await Task.WhenAll(statuses.Select(async status => (await client.GetFromJsonAsync<JsonElement>(status)).GetProperty("runtimeStatus").GetString()))),
                all => all.Split(", ").All(status => status == "Running"),
                TimeSpan.FromSeconds(TimerSeconds - 5),
                "every orchestration to be running");
        }
        catch (TimeoutException timeout)
        {
            // Which partition was where, to tell a hand-over from a stalled owner.
            output.WriteLine($"{timeout.Message}; the kill goes ahead");
            foreach (var lease in await TaskHubPartitions.LeasesAsync(fixture.Azurite, hub))
            {
                output.WriteLine($"{lease.RowKey}: owner {lease.GetString("CurrentOwner")}, next {lease.GetString("NextOwner")}, draining {lease.GetBoolean("IsDraining")}, expires {lease.GetDateTimeOffset("ExpiresAt"):O}");
            }
        }

        await doomed.Process.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();

        var ended = await Task.WhenAll(statuses.Select(status => DurableFunctionsTests.WaitForEndAsync(status, TimeSpan.FromSeconds(150))));
        output.WriteLine($"all {Orchestrations} completed {clock.Elapsed.TotalSeconds:0} s after the kill");

        Assert.Equal(names.Select(name => $"Hello, {name}!"), ended.Select(result => result.GetProperty("output").GetString()));
        var after = await Eventually.ReturnsAsync(
            () => TaskHubPartitions.ReadAsync(fixture.Azurite, hub), owners => owners.AllOwned(TestAppSettings.PartitionCount), TimeSpan.FromSeconds(30), "every partition owned after the kill");
        output.WriteLine($"after the kill: {after}");
        Assert.Equal(1, after.OwnerCount);
        Assert.Contains(after.Owners.Values.First(), before!.Owners.Values);
        var greeted = (await survivor.RecordedAsync("greeted")).Where(row => names.Contains(row.GetString("Name"))).ToList();
        Assert.Equal(names.Order(), greeted.Select(row => row.GetString("Name")).Order());
        Assert.All(greeted.Where(row => row.Timestamp > killedAt), row => Assert.Equal(survivor.Setting("TestInstance"), row.GetString("Instance")));
    }
}
