using Orbit.Testing;

namespace Orbit.FunctionHost.Tests.Integration;

[Collection(AzuriteCollection.Name)]
public sealed class TimerTriggerTests(AzuriteFixture storage)
{
    [Fact]
    public async Task RunOnStartup_runs_the_function_once_when_the_host_starts_even_if_the_schedule_is_far_away()
    {
        var table = await storage.CreateTableAsync(TestNames.Table("startup"));
        await using var host = await TestApp.StartAsync(storage, "startup-host", new()
        {
            ["TickSchedule"] = "0 0 0 1 1 *",
            ["TickRunOnStartup"] = "true",
            ["ResultsTable"] = table.Name,
        });

        var runs = await Eventually.ReturnsAsync(() => ResultRows.InPartitionAsync(table, "tick"), rows => rows.Count > 0, TimeSpan.FromSeconds(30), "the start-up run");
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Single(await ResultRows.InPartitionAsync(table, "tick"));
        Assert.False(runs[0].GetBoolean("PastDue"));
    }

    [Fact]
    public async Task A_failed_run_is_logged_and_not_retried_and_the_next_occurrences_still_run()
    {
        var table = await storage.CreateTableAsync(TestNames.Table("failingticks"));
        await using var host = await TestApp.StartAsync(storage, "failing-timer-host", new()
        {
            ["FailingTickSchedule"] = "* * * * * *",
            ["ResultsTable"] = table.Name,
        });

        var attempts = await Eventually.ReturnsAsync(
            () => ResultRows.InPartitionAsync(table, "failing-tick"), rows => rows.Count >= 4, TimeSpan.FromSeconds(30), "four failed runs");

        Assert.All(attempts.GroupBy(row => row.GetDateTimeOffset("Occurrence")), occurrence => Assert.Single(occurrence));
        Assert.Contains("is not retried", host.Output);
        Assert.False(host.HasExited);
    }
}
