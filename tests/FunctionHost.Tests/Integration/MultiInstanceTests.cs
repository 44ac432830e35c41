using Orbit.Testing;
using Xunit.Abstractions;

namespace Orbit.FunctionHost.Tests.Integration;

[Collection(AzuriteCollection.Name)]
public sealed class MultiInstanceTests(AzuriteFixture storage, ITestOutputHelper output)
{
    [Fact]
    public async Task Two_hosts_on_one_storage_account_handle_all_of_1000_messages()
    {
        const int count = 1000;
        var queueName = TestNames.Queue("shared");
        var table = await storage.CreateTableAsync(TestNames.Table("results"));
        var settings = new Dictionary<string, string?> { ["RecordQueue"] = queueName, ["ResultsTable"] = table.Name };
        await using var first = await TestApp.StartAsync(storage, "instance-a", settings);
        await using var second = await TestApp.StartAsync(storage, "instance-b", settings);
        var queue = storage.Queue(queueName);

        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, cancellationToken) => await queue.SendMessageAsync($"{{\"id\":\"m{i}\"}}", cancellationToken));

        var rows = await Eventually.ReturnsAsync(
            () => ResultRows.AllAsync(table),
            all => all.Select(row => row.PartitionKey).Distinct().Count() == count,
            TimeSpan.FromMinutes(3),
            $"all {count} messages to be handled");
        await Task.Delay(TimeSpan.FromSeconds(2));
        rows = await ResultRows.AllAsync(table);

        var duplicates = rows.Count - count;
        var perInstance = rows.GroupBy(row => row.GetString("Instance")).ToDictionary(group => group.Key, group => group.Count());
        output.WriteLine($"handled {rows.Select(r => r.PartitionKey).Distinct().Count()} distinct of {count}; deliveries {rows.Count}; duplicates {duplicates}; per instance: {string.Join(", ", perInstance)}");
        Assert.Equal(count, rows.Select(row => row.PartitionKey).Distinct().Count());
        // With no crash and a 10 s lease renewed while handling, at-least-once delivery gives no duplicate here.
        Assert.Equal(0, duplicates);
        Assert.Equal(2, perInstance.Count);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_per_second_timer_fires_on_exactly_one_instance_per_tick_even_when_the_holder_is_killed()
    {
        var table = await storage.CreateTableAsync(TestNames.Table("ticks"));
        var settings = new Dictionary<string, string?>
        {
            ["TickSchedule"] = "* * * * * *",
            ["ResultsTable"] = table.Name,
            ["AzureFunctionsWebHost__hostid"] = TestNames.HostId("ticks"),
        };
        var hosts = new Dictionary<string, FunctionHostProcess>
        {
            ["instance-a"] = await TestApp.StartAsync(storage, "instance-a", settings),
            ["instance-b"] = await TestApp.StartAsync(storage, "instance-b", settings),
        };
        try
        {
            var beforeKill = await Eventually.ReturnsAsync(() => ResultRows.InPartitionAsync(table, "tick"), rows => rows.Count >= 5, TimeSpan.FromSeconds(30), "five ticks");
            var holder = beforeKill[^1].GetString("Instance");
            var standby = hosts.Keys.Single(name => name != holder);

            await hosts[holder].KillAsync();
            var killedAt = DateTimeOffset.UtcNow;

            await Eventually.ReturnsAsync(
                () => ResultRows.InPartitionAsync(table, "tick"),
                rows => rows.Count(row => row.GetString("Instance") == standby && row.GetDateTimeOffset("Occurrence") > killedAt) >= 3,
                TimeSpan.FromSeconds(40),
                $"{standby} to take over the timer");
        }
        finally
        {
            foreach (var host in hosts.Values)
            {
                await host.DisposeAsync();
            }
        }

        var ticks = await ResultRows.InPartitionAsync(table, "tick");
        var perOccurrence = ticks.GroupBy(row => row.GetDateTimeOffset("Occurrence")).ToList();
        output.WriteLine($"{perOccurrence.Count} occurrences, {ticks.Count} runs; past-due catch-ups: {ticks.Count(row => row.GetBoolean("PastDue") == true)}; per instance: "
            + string.Join(", ", ticks.GroupBy(row => row.GetString("Instance")).Select(group => $"{group.Key}={group.Count()}")));
        Assert.All(perOccurrence, occurrence => Assert.Single(occurrence));
        Assert.True(perOccurrence.Count >= 8);
    }
}
