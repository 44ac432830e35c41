using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Orbit.Testing;

namespace Orbit.Storage.Tests;

/// <summary>The app's queue sender against a real Azurite, wired as the app wires it (<c>AddStorageAccount</c>).</summary>
public sealed class QueueSenderTests(StorageAccountFixture storage) : IClassFixture<StorageAccountFixture>
{
    private sealed record WorkItem(string Id, int Attempt);

    private QueueSender Sender => storage.Services.GetRequiredService<QueueSender>();

    [Fact]
    public async Task A_record_goes_on_a_queue_it_creates_as_base64_JSON_the_queue_trigger_reads()
    {
        var queueName = TestNames.Queue("sender");

        await Sender.SendAsync(queueName, new WorkItem("w1", 2));

        var raw = new QueueClient(storage.Azurite.ConnectionString, queueName);
        var message = Assert.Single((await raw.ReceiveMessagesAsync(32)).Value);
        Assert.Equal("{\"id\":\"w1\",\"attempt\":2}", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(message.Body.ToString())));
    }

    [Fact]
    public async Task A_delayed_record_stays_invisible_until_its_delay_has_passed()
    {
        var queueName = TestNames.Queue("delayed");
        var queue = new QueueClient(storage.Azurite.ConnectionString, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

        await Sender.SendAsync(queueName, new WorkItem("now", 1));
        await Sender.SendAsync(queueName, new WorkItem("later", 1), delay: TimeSpan.FromSeconds(3));

        var visible = (await queue.PeekMessagesAsync(32)).Value;
        Assert.Equal(["now"], visible.Select(message => message.Body.ToObjectFromJson<WorkItem>(QueueMessageSerializer.Options)!.Id));
        var later = await Eventually.ReturnsAsync(async () => (await queue.PeekMessagesAsync(32)).Value, messages => messages.Length == 2, TimeSpan.FromSeconds(15), "the delayed record to become visible");
        Assert.Contains(later, message => message.Body.ToString().Contains("later", StringComparison.Ordinal));
    }
}
