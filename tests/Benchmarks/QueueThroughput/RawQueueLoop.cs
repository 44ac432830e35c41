using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Orbit.Benchmarks.QueueThroughput;

/// <summary>
/// The baseline: the plainest efficient consumer written directly on Azure.Storage.Queues — receive a batch,
/// delete them concurrently, repeat — with no host, no JSON, no DI and no lease renewal.
/// </summary>
internal static class RawQueueLoop
{
    public static async Task RunUntilCancelledAsync(QueueClient queue, int batchSize, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                QueueMessage[] messages = await queue.ReceiveMessagesAsync(batchSize, TimeSpan.FromSeconds(30), cancellationToken);
                if (messages.Length == 0)
                {
                    await Task.Delay(50, cancellationToken);
                    continue;
                }

                await Task.WhenAll(messages.Select(message => queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken)));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
