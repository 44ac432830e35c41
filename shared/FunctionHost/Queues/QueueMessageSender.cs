using System.Collections.Concurrent;
using Azure.Storage.Queues;

namespace Orbit.FunctionHost.Queues;

/// <summary>Puts records on queues in the form the queue triggers read (JSON, the host's message encoding).</summary>
public sealed class QueueMessageSender(QueueServiceClient queues, QueueWakeups wakeups)
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> created = new(StringComparer.Ordinal);

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
