using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;

namespace Orbit.FunctionHost.Queues;

/// <summary>Puts records on queues in the form the queue triggers read (JSON, the host's message encoding).</summary>
public sealed class QueueMessageSender(QueueServiceClient queues, QueueWakeups wakeups, LocalQueueListeners listeners, IOptions<QueuesOptions> options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> created = new(StringComparer.Ordinal);
    private readonly QueueMessageEncoding encoding = options.Value.MessageEncoding;
    private readonly TimeSpan leaseDuration = options.Value.LeaseDuration;

    /// <summary>Whether the record, serialized and encoded as <see cref="SendAsync"/> would send it, is small enough for a queue message.</summary>
    public bool Fits<TMessage>(TMessage message) =>
        QueueMessageSerializer.StoredTextBytes(QueueMessageSerializer.Serialize(message), encoding) <= QueueMessageSerializer.MaxStoredTextBytes;

    public async Task SendAsync<TMessage>(string queueName, TMessage message, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        var queue = await QueueAsync(queueName);
        await queue.SendMessageAsync(QueueMessageSerializer.Serialize(message), visibilityTimeout: delay, cancellationToken: cancellationToken);
        if (delay is null || delay <= TimeSpan.Zero)
        {
            wakeups.Signal(queueName);
        }
    }

    /// <summary>
    /// Puts the message on a queue that this process listens on, invisible for one lease, and hands it to this process's
    /// listener, which handles it as if it had fetched it. That saves the receive round trip and the wait for it, and the
    /// message is still on the queue: if this process dies, it becomes visible when the lease runs out and any instance
    /// takes it. When no listener here has room (a full batch in flight), the message goes on the queue for anyone.
    /// </summary>
    public async Task SendToHandleHereAsync<TMessage>(string queueName, TMessage message, CancellationToken cancellationToken = default)
    {
        if (listeners.Reserve(queueName) is not { } listener)
        {
            await SendAsync(queueName, message, cancellationToken: cancellationToken);
            return;
        }

        QueueMessage sent;
        try
        {
            var queue = await QueueAsync(queueName);
            var body = QueueMessageSerializer.Serialize(message);
            var receipt = (await queue.SendMessageAsync(body, visibilityTimeout: leaseDuration, cancellationToken: cancellationToken)).Value;
            // This is the first attempt; the queue counts only fetches, so a retry after it is fetched as attempt 1 again.
            sent = QueuesModelFactory.QueueMessage(receipt.MessageId, receipt.PopReceipt, body, dequeueCount: 1, receipt.TimeNextVisible, receipt.InsertionTime, receipt.ExpirationTime);
        }
        catch
        {
            listener.CancelReservation();
            throw;
        }

        listener.HandleHere(sent);
    }

    private async Task<QueueClient> QueueAsync(string queueName)
    {
        var queue = queues.GetQueueClient(queueName);
        var creation = created.GetOrAdd(queueName, _ => new Lazy<Task>(() => queue.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None)));
        try
        {
            await creation.Value;
        }
        catch
        {
            created.TryRemove(queueName, out _);
            throw;
        }

        return queue;
    }
}
