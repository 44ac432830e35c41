using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Orbit.Storage;
using Orbit.Testing;
using Xunit.Abstractions;

namespace Orbit.LocalHost.Tests.Integration;

/// <summary>Two local hosts of one app on one storage account, as two instances in Azure: same host id, queues and task hub.</summary>
[Collection(StorageCollection.Name)]
public sealed class MultiInstanceTests(StorageFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan EarlyStart = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task A_timer_runs_on_one_instance_once_per_occurrence_and_a_failing_one_is_not_retried_and_keeps_its_schedule()
    {
        var (first, second) = await fixture.PairAsync();

        var ticks = await Eventually.ReturnsAsync(() => first.RecordedAsync("tick"), rows => rows.Count >= 6, Patience, "six ticks");
        var failing = await Eventually.ReturnsAsync(() => first.RecordedAsync("failing-tick"), rows => rows.Count >= 4, Patience, "four failing runs");

        output.WriteLine($"ticks: {string.Join(", ", ticks.Select(row => $"{row.GetString("Instance")}@{row.GetDateTime("RanAt"):HH:mm:ss.fff}"))}");
        // The timer's listener runs on the instance holding its lock only, so a second run of an occurrence (or a retry of
        // a failed one) would come from the other instance, or add a run that no occurrence accounts for.
        Assert.Single(ticks.Select(row => row.GetString("Instance")).Distinct());
        Assert.Single(failing.Select(row => row.GetString("Instance")).Distinct());
        AssertAtMostOneRunPerOccurrence(ticks, period: 2);
        AssertAtMostOneRunPerOccurrence(failing, period: 3);
        Assert.False(first.Process.HasExited, first.Process.Output);
        Assert.False(second.Process.HasExited, second.Process.Output);
    }

    [Fact]
    public async Task A_run_on_startup_timer_runs_once_as_the_instances_start_on_the_one_holding_its_lock()
    {
        var (first, second) = await fixture.PairAsync();

        await Eventually.ReturnsAsync(() => first.RecordedAsync("startup-tick"), rows => rows.Count > 0, Patience, "the start-up run");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var run = Assert.Single(await first.RecordedAsync("startup-tick"));

        Assert.Contains(run.GetString("Instance"), new[] { first.Setting("TestInstance"), second.Setting("TestInstance") });
        Assert.False(run.GetBoolean("PastDue"));
    }

    [Fact]
    public async Task Two_hosts_share_a_queue_and_handle_each_of_its_messages_once()
    {
        const int Count = 100;
        var (first, second) = await fixture.PairAsync();
        var sender = new QueueSender(new QueueServiceClient(fixture.Azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }));
        var ids = new List<string>();

        // One host may drain a wave alone while the other's listener sleeps between polls (up to host.json's 1 s), so waves
        // follow until both have taken part; every message of every wave must be handled exactly once.
        var perInstance = new Dictionary<string, int>();
        for (var wave = 0; wave < 10 && perInstance.Count < 2; wave++)
        {
            var batch = $"{Guid.NewGuid():N}"[..8];
            var waveIds = Enumerable.Range(0, Count).Select(i => $"{batch}-{i:D3}").ToList();
            ids.AddRange(waveIds);
            await Parallel.ForEachAsync(waveIds, new ParallelOptions { MaxDegreeOfParallelism = 8 },
                async (id, cancellationToken) => await sender.SendAsync(first.Setting(TestAppSettings.RecordQueue), new { id }, cancellationToken: cancellationToken));

            var handled = await Eventually.ReturnsAsync(
                async () => await Task.WhenAll(ids.Select(id => first.RecordedAsync(id))),
                rows => rows.All(row => row.Count > 0),
                TimeSpan.FromMinutes(3),
                $"all {ids.Count} messages handled");
            Assert.All(handled, rows => Assert.Single(rows));
            perInstance = handled.SelectMany(rows => rows).GroupBy(row => row.GetString("Instance")).ToDictionary(group => group.Key, group => group.Count());
            output.WriteLine($"after wave {wave + 1}, per instance: {string.Join(", ", perInstance)}");
        }

        Assert.Equal(2, perInstance.Count);
    }

    [Fact]
    public async Task Both_hosts_own_partitions_of_the_task_hub_and_orchestrations_started_on_either_complete()
    {
        var (first, second) = await fixture.PairAsync();
        var hub = first.Setting(TestAppSettings.HubName);
        // Started once the partitions have settled between the two: an episode finished by a host that has just lost its
        // partition can leave a completed instance Running (the engine's, on Azure too; TaskHubPartitions.ReadSettledAsync).
        var partitions = await Eventually.ReturnsAsync(
            () => TaskHubPartitions.ReadSettledAsync(fixture.Azurite, hub, TimeSpan.FromSeconds(3)),
            owners => owners is not null && owners.AllOwned(TestAppSettings.PartitionCount) && owners.OwnerCount == 2, Patience,
            "the two hosts to share the task hub's partitions, none moving for 3 s");
        output.WriteLine($"partitions: {partitions}");
        var names = Enumerable.Range(0, 12).Select(i => $"pair-{Guid.NewGuid():N}"[..13] + i).ToList();

        var statuses = new List<Uri>();
        foreach (var (name, index) in names.Select((name, index) => (name, index)))
        {
            using var started = await DurableFunctionsTests.StartGreetingAsync(index % 2 == 0 ? first : second, name);
            statuses.Add(started.Headers.Location!);
        }

        JsonElement[] ended;
        try
        {
            ended = await Task.WhenAll(statuses.Select(status => DurableFunctionsTests.WaitForEndAsync(status, Patience)));
        }
        catch (TimeoutException)
        {
            await DescribeAsync(hub, first, second);
            throw;
        }

        Assert.Equal(names.Select(name => $"Hello, {name}!"), ended.Select(result => result.GetProperty("output").GetString()));
        var greeted = (await first.RecordedAsync("greeted")).Where(row => names.Contains(row.GetString("Name"))).ToList();
        output.WriteLine($"activities per instance: {string.Join(", ", greeted.GroupBy(row => row.GetString("Instance")).Select(group => $"{group.Key}={group.Count()}"))}");
        Assert.Equal(names.Order(), greeted.Select(row => row.GetString("Name")).Order());
    }

    /// <summary>
    /// What a stuck orchestration needs explained: the partitions' leases, what each control queue holds (a message counted
    /// but not visible is held by a dequeue or deferred), and both hosts' recent log without the timer test's failures.
    /// </summary>
    private async Task DescribeAsync(string hub, params TestAppHost[] hosts)
    {
        foreach (var partition in await TaskHubPartitions.LeasesAsync(fixture.Azurite, hub))
        {
            output.WriteLine($"{partition.RowKey}: {string.Join(", ", partition.Where(pair => pair.Key is not ("odata.etag" or "PartitionKey" or "RowKey")).Select(pair => $"{pair.Key}={pair.Value}"))}");
        }

        var queues = new QueueServiceClient(fixture.Azurite.ConnectionString);
        for (var partition = 0; partition < TestAppSettings.PartitionCount; partition++)
        {
            var queue = queues.GetQueueClient($"{hub.ToLowerInvariant()}-control-{partition:D2}");
            try
            {
                var counted = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
                var visible = (await queue.PeekMessagesAsync(32)).Value;
                output.WriteLine($"{queue.Name}: {counted} messages, {visible.Length} visible: " +
                    string.Join("; ", visible.Select(message => $"dequeued {message.DequeueCount}x, {message.MessageText[..Math.Min(message.MessageText.Length, 300)]}")));
            }
            catch (Azure.RequestFailedException exception)
            {
                // The description must not hide the failure it describes.
                output.WriteLine($"{queue.Name}: not readable: {exception.Message}");
            }
        }

        foreach (var host in hosts)
        {
            var lines = host.Process.Output.Split('\n').Where(line => !line.Contains("FailingTick", StringComparison.Ordinal)).ToList();
            output.WriteLine($"--- {host.Setting("TestInstance")} (exited: {host.Process.HasExited}), last {Math.Min(lines.Count, 300)} lines of its log (the failing timer's left out):");
            output.WriteLine(string.Join('\n', lines.TakeLast(300)));
        }
    }

    /// <summary>
    /// No more runs than occurrences of an every-<paramref name="period"/>-seconds schedule (a divisor of 60) could explain:
    /// a run may start late (here, under load, by up to a period), so the runs between the first and the last belong to the
    /// occurrences from the one just before the first run to the last run, and no more. A run may also start a few
    /// milliseconds early (the timer's resolution; CI saw 07:28:59.997 for 07:29:00): it belongs to the occurrence it is
    /// <see cref="EarlyStart"/> or less before.
    /// </summary>
    private static void AssertAtMostOneRunPerOccurrence(IEnumerable<Azure.Data.Tables.TableEntity> runs, int period)
    {
        var times = runs.Select(row => row.GetDateTime("RanAt")!.Value).Order().ToList();
        var occurrences = Occurrence(times[^1], period) - Occurrence(times[0], period) + 1;
        Assert.True(times.Count <= occurrences, $"{times.Count} runs for {occurrences} occurrences: {string.Join(", ", times.Select(time => time.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)))}");
    }

    private static long Occurrence(DateTime time, int period) => new DateTimeOffset(time + EarlyStart, TimeSpan.Zero).ToUnixTimeMilliseconds() / 1000 / period;
}
