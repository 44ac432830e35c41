namespace Orbit.FunctionHost.Queues;

/// <summary>
/// A queue-triggered function. Delivery is at least once: a handler must be idempotent.
/// Throwing makes the message visible again after the visibility timeout, until
/// maxDequeueCount sends it to the poison queue.
/// </summary>
public interface IQueueFunction<in TMessage>
{
    Task RunAsync(TMessage message, QueueMessageContext context, CancellationToken cancellationToken);
}
