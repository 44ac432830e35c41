using System.Collections.Concurrent;
using Azure.Storage.Queues;

namespace Orbit.Storage;

/// <summary>
/// Puts records on Storage queues in the form the queue triggers read: JSON (<see cref="QueueMessageSerializer"/>), in the
/// encoding of the queue client it is given (<see cref="StorageServiceCollectionExtensions.AddStorageAccount"/> takes
/// host.json's). Creates a queue the first time it is used, as the queue trigger would.
/// </summary>
public sealed class QueueSender(QueueServiceClient queues)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<QueueClient>>> created = new(StringComparer.Ordinal);

    public async Task SendAsync<TMessage>(string queueName, TMessage message, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        var queue = await created.GetOrAdd(queueName, name => new Lazy<Task<QueueClient>>(() => CreateAsync(name))).Value;
        await queue.SendMessageAsync(QueueMessageSerializer.Serialize(message), visibilityTimeout: delay, cancellationToken: cancellationToken);
    }

    private async Task<QueueClient> CreateAsync(string queueName)
    {
        var queue = queues.GetQueueClient(queueName);
        await queue.CreateIfNotExistsAsync();
        return queue;
    }
}
