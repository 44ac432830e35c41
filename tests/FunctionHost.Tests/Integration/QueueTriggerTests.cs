using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using Orbit.FunctionHost.Queues;
using Orbit.FunctionHost.TestApp;
using Orbit.Testing;

namespace Orbit.FunctionHost.Tests.Integration;

[Collection(AzuriteCollection.Name)]
public sealed class QueueTriggerTests(AzuriteFixture storage)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task A_message_that_always_fails_lands_in_the_poison_queue_with_its_body_unchanged_after_maxDequeueCount_attempts()
    {
        var queueName = TestNames.Queue("fail");
        var table = await storage.CreateTableAsync(TestNames.Table("results"));
        await using var host = await TestApp.StartAsync(storage, "failing-host", new() { ["FailQueue"] = queueName, ["ResultsTable"] = table.Name });
        var queue = storage.Queue(queueName);
        var body = "{\"id\":\"p1\",   \"note\": \"ünïcode ✓ and spacing kept\"}";

        await queue.SendMessageAsync(body);

        var poisoned = await Eventually.ReturnsAsync(
            async () => (PeekedMessage[])await storage.Queue($"{queueName}-poison").PeekMessagesAsync(32),
            messages => messages.Length > 0, Patience, "the message in the poison queue");
        Assert.Equal(body, Assert.Single(poisoned).Body.ToString());
        var attempts = await ResultRows.InPartitionAsync(table, "attempt-p1");
        Assert.Equal(["1", "2", "3"], attempts.Select(row => row.RowKey).Order());

        // The listener copies to the poison queue first and deletes the original second, then logs the move, and the
        // host's output reaches the test through a pipe: the poison copy can be seen before either of the others.
        await Eventually.ReturnsAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount, count => count == 0, Patience,
            "the original deleted from its queue");
        await Eventually.ReturnsAsync(() => Task.FromResult(host.Output), output => output.Contains("failed 3 times", StringComparison.Ordinal), Patience,
            "the host's log to say the handler failed 3 times");
    }

    [Fact]
    public async Task A_record_sent_with_the_QueueMessageSender_reaches_the_queue_function_and_a_delayed_one_waits()
    {
        var queueName = TestNames.Queue("sender");
        var table = await storage.CreateTableAsync(TestNames.Table("results"));
        await using var host = await TestApp.StartAsync(storage, "sender-host", new() { ["RecordQueue"] = queueName, ["ResultsTable"] = table.Name });
        var sender = new QueueMessageSender(
            new QueueServiceClient(storage.Azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }),
            new QueueWakeups(),
            new LocalQueueListeners(),
            Options.Create(new QueuesOptions { MessageEncoding = QueueMessageEncoding.Base64 }));

        await sender.SendAsync(queueName, new WorkItem("sent-now"));
        await sender.SendAsync(queueName, new WorkItem("sent-later"), delay: TimeSpan.FromSeconds(4));
        var sentAt = DateTimeOffset.UtcNow;

        await Eventually.ReturnsAsync(() => ResultRows.InPartitionAsync(table, "sent-now"), rows => rows.Count == 1, Patience, "the record to be handled");
        var later = await Eventually.ReturnsAsync(() => ResultRows.InPartitionAsync(table, "sent-later"), rows => rows.Count == 1, Patience, "the delayed record to be handled");
        Assert.True(later[0].Timestamp >= sentAt.AddSeconds(3), $"the delayed record was handled at {later[0].Timestamp:O}, sent at {sentAt:O}");
    }

    [Fact]
    public async Task With_messageEncoding_none_plain_text_messages_are_read_as_they_are()
    {
        var queueName = TestNames.Queue("plain");
        var table = await storage.CreateTableAsync(TestNames.Table("results"));
        await using var host = await TestApp.StartAsync(storage, "plain-host", new()
        {
            ["RecordQueue"] = queueName,
            ["ResultsTable"] = table.Name,
            ["AzureFunctionsJobHost__extensions__queues__messageEncoding"] = "none",
        });

        await new QueueClient(storage.Azurite.ConnectionString, queueName).SendMessageAsync("{\"id\":\"plain\"}");

        await Eventually.ReturnsAsync(() => ResultRows.InPartitionAsync(table, "plain"), rows => rows.Count == 1, Patience, "the plain-text message to be handled");
    }

    [Fact]
    public async Task Malformed_messages_go_to_the_poison_queue_with_a_logged_reason_and_the_listener_keeps_working()
    {
        var queueName = TestNames.Queue("malformed");
        var table = await storage.CreateTableAsync(TestNames.Table("results"));
        await using var host = await TestApp.StartAsync(storage, "malformed-host", new() { ["RecordQueue"] = queueName, ["ResultsTable"] = table.Name });
        var queue = storage.Queue(queueName);
        string[] malformed = ["this is not json", "{\"unexpected\": 1}"];

        foreach (var body in malformed)
        {
            await queue.SendMessageAsync(body);
        }

        await queue.SendMessageAsync("{\"id\":\"good\"}");

        var poisoned = await Eventually.ReturnsAsync(
            async () => (PeekedMessage[])await storage.Queue($"{queueName}-poison").PeekMessagesAsync(32),
            messages => messages.Length >= 2, Patience, "both malformed messages in the poison queue");
        Assert.Equal(malformed.Order(), poisoned.Select(message => message.Body.ToString()).Order());
        await Eventually.ReturnsAsync(() => ResultRows.InPartitionAsync(table, "good"), rows => rows.Count == 1, Patience, "the good message to be handled");
        // The move is logged after the copy and the delete, and the output comes through a pipe.
        await Eventually.ReturnsAsync(() => Task.FromResult(host.Output), output => output.Contains("is not a valid WorkItem", StringComparison.Ordinal), Patience,
            "the host's log to say a message is not a valid WorkItem");
        Assert.DoesNotContain("retrying after", host.Output);
        Assert.False(host.HasExited);
    }

    [Fact]
    public async Task A_message_whose_host_is_killed_mid_handler_is_handled_again_after_its_lease()
    {
        var queueName = TestNames.Queue("crash");
        var table = await storage.CreateTableAsync(TestNames.Table("results"));
        var settings = new Dictionary<string, string?> { ["RecordQueue"] = queueName, ["ResultsTable"] = table.Name };
        var doomed = await TestApp.StartAsync(storage, "doomed-host", settings);
        await using (doomed)
        {
            await storage.Queue(queueName).SendMessageAsync("{\"id\":\"k1\",\"firstAttemptDelayMilliseconds\":120000}");
            await Eventually.ReturnsAsync(() => ResultRows.InPartitionAsync(table, "started-k1"), rows => rows.Count == 1, Patience, "the handler to start");

            await doomed.KillAsync();
        }

        var killedAt = DateTime.UtcNow;
        await using var survivor = await TestApp.StartAsync(storage, "survivor-host", settings);

        var handled = await Eventually.ReturnsAsync(() => ResultRows.InPartitionAsync(table, "k1"), rows => rows.Count > 0, Patience, "the message to be handled again");
        var row = Assert.Single(handled);
        Assert.Equal(2, row.GetInt64("DequeueCount"));
        Assert.Equal("survivor-host", row.GetString("Instance"));
        Assert.True(DateTime.UtcNow - killedAt < TimeSpan.FromSeconds(30), "redelivery should follow the 10 s lease, not the default of minutes");
    }

    [Fact]
    public async Task On_shutdown_an_in_flight_handler_finishes_and_its_message_is_deleted()
    {
        var queueName = TestNames.Queue("drain");
        var table = await storage.CreateTableAsync(TestNames.Table("results"));
        var host = await TestApp.StartAsync(storage, "draining-host", new() { ["RecordQueue"] = queueName, ["ResultsTable"] = table.Name });
        await using (host)
        {
            var queue = storage.Queue(queueName);
            await queue.SendMessageAsync("{\"id\":\"d1\",\"firstAttemptDelayMilliseconds\":3000}");
            await Eventually.ReturnsAsync(() => ResultRows.InPartitionAsync(table, "started-d1"), rows => rows.Count == 1, Patience, "the handler to start");

            await host.StopAsync(TimeSpan.FromSeconds(25));

            Assert.Equal(0, host.ExitCode);
            Assert.Single(await ResultRows.InPartitionAsync(table, "d1"));
            Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        }
    }

    [Fact]
    public async Task On_shutdown_a_handler_that_outlasts_the_shutdown_timeout_is_cancelled_and_its_message_is_visible_again_at_once()
    {
        var queueName = TestNames.Queue("release");
        var table = await storage.CreateTableAsync(TestNames.Table("results"));
        var host = await TestApp.StartAsync(storage, "releasing-host", new()
        {
            ["RecordQueue"] = queueName,
            ["ResultsTable"] = table.Name,
            ["DOTNET_shutdownTimeoutSeconds"] = "2",
        });
        await using (host)
        {
            var queue = storage.Queue(queueName);
            await queue.SendMessageAsync("{\"id\":\"r1\",\"firstAttemptDelayMilliseconds\":120000}");
            await Eventually.ReturnsAsync(() => ResultRows.InPartitionAsync(table, "started-r1"), rows => rows.Count == 1, Patience, "the handler to start");

            await host.StopAsync(TimeSpan.FromSeconds(25));

            // The lease is 10 s; seeing the message now proves it was handed back, not left to expire.
            PeekedMessage[] visible = await queue.PeekMessagesAsync(32);
            Assert.Equal(1, Assert.Single(visible).DequeueCount);
            Assert.Empty(await ResultRows.InPartitionAsync(table, "r1"));
        }
    }
}
