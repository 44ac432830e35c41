using System.Collections.Concurrent;

namespace Orbit.FunctionHost.Queues;

/// <summary>
/// The queue listeners running in this process, by queue, so that <see cref="QueueMessageSender.SendToHandleHereAsync"/>
/// can hand a message it has just put to this process's listener instead of waiting for a receive to fetch it.
/// </summary>
public sealed class LocalQueueListeners
{
    private readonly ConcurrentDictionary<string, QueueListener> listeners = new(StringComparer.Ordinal);

    internal void Add(string queueName, QueueListener listener) => listeners[queueName] = listener;

    internal void Remove(string queueName, QueueListener listener) => listeners.TryRemove(new KeyValuePair<string, QueueListener>(queueName, listener));

    /// <summary>This process's listener of the queue if it has room for one more message, which it then keeps for the caller.</summary>
    internal QueueListener? Reserve(string queueName) =>
        listeners.TryGetValue(queueName, out var listener) && listener.TryReserve() ? listener : null;
}
