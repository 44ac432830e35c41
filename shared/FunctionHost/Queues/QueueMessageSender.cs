using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace Orbit.FunctionHost.Queues;

/// <summary>Puts records on queues in the form the queue triggers read (JSON, the host's message encoding).</summary>
public sealed class QueueMessageSender(QueueServiceClient queues, QueueWakeups wakeups, IOptions<QueuesOptions> options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> created = new(StringComparer.Ordinal);
    private readonly QueueMessageEncoding encoding = options.Value.MessageEncoding;

    /// <summary>Whether the record, serialized and encoded as <see cref="SendAsync"/> would send it, is small enough for a queue message.</summary>
    public bool Fits<TMessage>(TMessage message) =>
        QueueMessageSerializer.StoredTextBytes(QueueMessageSerializer.Serialize(message), encoding) <= QueueMessageSerializer.MaxStoredTextBytes;

    public async Task SendAsync<TMessage>(string queueName, TMessage message, TimeSpan? delay = null, CancellationToken cancellationToken = default)
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

        await queue.SendMessageAsync(QueueMessageSerializer.Serialize(message), visibilityTimeout: delay, cancellationToken: cancellationToken);
        if (delay is null || delay <= TimeSpan.Zero)
        {
            wakeups.Signal(queueName);
        }
    }
}
