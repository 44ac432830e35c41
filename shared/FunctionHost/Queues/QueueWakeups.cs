using System.Collections.Concurrent;

namespace Orbit.FunctionHost.Queues;

/// <summary>
/// Lets an idle queue listener of this process poll at once when this process has just put a message on
/// its queue, instead of sleeping out its back-off. Orchestration steps hop between queues several times,
/// and each hop would otherwise cost up to maxPollingInterval. Other instances still find the message by polling.
/// </summary>
public sealed class QueueWakeups
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> signals = new(StringComparer.Ordinal);

    public void Signal(string queueName)
    {
        try
        {
            SignalFor(queueName).Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled and not yet consumed: one wake-up covers any number of messages.
        }
    }

    /// <summary>Waits for <paramref name="delay"/> or until <see cref="Signal"/> is called for the queue; true when woken.</summary>
    public Task<bool> DelayAsync(string queueName, TimeSpan delay, CancellationToken cancellationToken) =>
        SignalFor(queueName).WaitAsync(delay, cancellationToken);

    private SemaphoreSlim SignalFor(string queueName) => signals.GetOrAdd(queueName, _ => new SemaphoreSlim(0, 1));
}
