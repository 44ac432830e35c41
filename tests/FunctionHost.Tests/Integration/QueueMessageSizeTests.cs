using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using Orbit.FunctionHost.Queues;
using Orbit.Testing;

namespace Orbit.FunctionHost.Tests.Integration;

/// <summary>The sender's size check agrees with the queue service to the byte, so callers can inline everything that fits.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class QueueMessageSizeTests(AzuriteFixture storage)
{
    private sealed record Padded(string Text);

    // {"text":"..."}: the JSON around the padding.
    private const int JsonOverhead = 11;

    [Theory]
    [InlineData(QueueMessageEncoding.Base64, 49_152)]
    [InlineData(QueueMessageEncoding.None, 65_536)]
    public async Task The_largest_record_that_Fits_is_accepted_by_the_queue_and_one_byte_more_is_refused(QueueMessageEncoding encoding, int largestJson)
    {
        var queueName = TestNames.Queue("size");
        var sender = new QueueMessageSender(
            new QueueServiceClient(storage.Azurite.ConnectionString, new QueueClientOptions { MessageEncoding = encoding }),
            new QueueWakeups(),
            new LocalQueueListeners(),
            Options.Create(new QueuesOptions { MessageEncoding = encoding }));
        var largest = new Padded(new string('x', largestJson - JsonOverhead));
        var tooLarge = new Padded(new string('x', largestJson - JsonOverhead + 1));

        Assert.True(sender.Fits(largest));
        Assert.False(sender.Fits(tooLarge));
        await sender.SendAsync(queueName, largest);
        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => sender.SendAsync(queueName, tooLarge));
        Assert.Equal(413, refused.Status);
    }
}
