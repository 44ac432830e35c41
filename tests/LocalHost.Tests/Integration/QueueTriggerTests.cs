using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Orbit.Storage;
using Orbit.Testing;

namespace Orbit.LocalHost.Tests.Integration;

/// <summary>Storage queue triggers on the WebJobs queue extension with the test app's host.json (maxDequeueCount 3).</summary>
[Collection(StorageCollection.Name)]
public sealed class QueueTriggerTests(StorageFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Records_sent_as_the_app_sends_them_are_each_handled_once_on_their_first_delivery_and_deleted()
    {
        var host = await fixture.KeyedHostAsync();
        var queueName = host.Setting(TestAppSettings.RecordQueue);
        var sender = new QueueSender(new QueueServiceClient(fixture.Azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }));
        var ids = Enumerable.Range(0, 5).Select(i => $"q{i}-{Guid.NewGuid():N}").ToList();

        foreach (var id in ids)
        {
            await sender.SendAsync(queueName, new { id });
        }

        foreach (var id in ids)
        {
            var rows = await Eventually.ReturnsAsync(() => host.RecordedAsync(id), found => found.Count > 0, Patience, $"{id} to be handled");
            Assert.Equal(1L, Assert.Single(rows).GetInt64("DequeueCount"));
        }

        await Eventually.ReturnsAsync(async () => (await fixture.Queue(queueName).PeekMessagesAsync(32)).Value.Length, count => count == 0, Patience, "the handled messages to be deleted");
        foreach (var id in ids)
        {
            Assert.Single(await host.RecordedAsync(id));
        }
    }

    [Fact]
    public async Task A_message_that_always_fails_lands_in_the_poison_queue_with_its_body_unchanged_after_maxDequeueCount_attempts()
    {
        var host = await fixture.KeyedHostAsync();
        var queueName = host.Setting(TestAppSettings.FailQueue);
        var id = $"p-{Guid.NewGuid():N}";
        var body = $"{{\"id\":\"{id}\",   \"note\": \"ünïcode ✓ and spacing kept\"}}";

        await fixture.Queue(queueName).CreateIfNotExistsAsync();
        await fixture.Queue(queueName).SendMessageAsync(body);

        var poisoned = await Eventually.ReturnsAsync(
            () => PeekAsync(QueueNames.Poison(queueName), id), messages => messages.Count > 0, Patience, "the message in the poison queue");
        Assert.Equal(body, Assert.Single(poisoned).Body.ToString());
        var attempts = await host.RecordedAsync($"attempt-{id}");
        Assert.Equal(["1", "2", "3"], attempts.Select(row => row.RowKey).Order());
        await Eventually.ReturnsAsync(() => PeekAsync(queueName, id), messages => messages.Count == 0, Patience, "the original gone from its queue");
    }

    [Fact]
    public async Task An_app_setting_overrides_host_json_as_in_Azure_with_messageEncoding_none_plain_text_messages_are_read_as_they_are()
    {
        await using var host = await fixture.StartAsync("plain-text-host", new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost__extensions__queues__messageEncoding"] = "none",
        });
        var queue = new QueueClient(fixture.Azurite.ConnectionString, host.Setting(TestAppSettings.RecordQueue));
        await queue.CreateIfNotExistsAsync();

        await queue.SendMessageAsync("{\"id\":\"plain\"}");

        var rows = await Eventually.ReturnsAsync(() => host.RecordedAsync("plain"), found => found.Count > 0, Patience, "the plain-text message to be handled");
        Assert.Equal(1L, Assert.Single(rows).GetInt64("DequeueCount"));
    }

    /// <summary>The visible messages of a queue that mention <paramref name="id"/>; none while the queue does not exist.</summary>
    private async Task<List<PeekedMessage>> PeekAsync(string queueName, string id)
    {
        try
        {
            PeekedMessage[] messages = await fixture.Queue(queueName).PeekMessagesAsync(32);
            return messages.Where(message => message.Body.ToString().Contains(id, StringComparison.Ordinal)).ToList();
        }
        catch (Azure.RequestFailedException exception) when (exception.Status == 404)
        {
            return [];
        }
    }
}
