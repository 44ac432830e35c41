using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace Orbit.FunctionHost.Queues;

/// <summary>
/// Keeps a fetched message invisible while its handler runs by renewing its visibility at half
/// the lease, and settles it (delete, or make visible again) with the newest pop receipt.
/// If this process dies, renewals stop and the message returns after at most one lease.
/// </summary>
internal sealed class MessageLease : IAsyncDisposable
{
    private readonly QueueClient queue;
    private readonly string messageId;
    private readonly TimeSpan duration;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly CancellationTokenSource renewalStop = new();
    private readonly Task renewal;
    private string popReceipt;

    public MessageLease(QueueClient queue, QueueMessage message, TimeSpan duration, TimeProvider time, ILogger logger)
    {
        this.queue = queue;
        messageId = message.MessageId;
        popReceipt = message.PopReceipt;
        this.duration = duration;
        this.time = time;
        this.logger = logger;
        renewal = RenewAsync(renewalStop.Token);
    }

    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        await StopRenewingAsync();
        try
        {
            await queue.DeleteMessageAsync(messageId, popReceipt, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // The lease ran out before we finished and another receiver took the message: it will be handled again.
            logger.LogWarning("Message {MessageId} on {Queue} was handled, but its lease had been lost, so another instance may handle it again.", messageId, queue.Name);
        }
    }

    public async Task MakeVisibleAsync(TimeSpan after, CancellationToken cancellationToken)
    {
        await StopRenewingAsync();
        try
        {
            await queue.UpdateMessageAsync(messageId, popReceipt, visibilityTimeout: after, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // Already visible again and taken by another receiver; nothing to release.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopRenewingAsync();
        renewalStop.Dispose();
    }

    private async Task StopRenewingAsync()
    {
        if (!renewalStop.IsCancellationRequested)
        {
            await renewalStop.CancelAsync();
        }

        await renewal;
    }

    private async Task RenewAsync(CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(duration / 2, time, stop);
                // Not cancelled midway: a renewal that reached the server changed the pop receipt, and we must know the new one.
                var receipt = await queue.UpdateMessageAsync(messageId, popReceipt, visibilityTimeout: duration, cancellationToken: CancellationToken.None);
                popReceipt = receipt.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not renew the lease of message {MessageId} on {Queue}; it may become visible to other instances.", messageId, queue.Name);
        }
    }
}
