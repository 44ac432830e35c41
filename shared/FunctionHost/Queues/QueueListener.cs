using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orbit.FunctionHost.Health;

namespace Orbit.FunctionHost.Queues;

/// <summary>
/// Runs one queue-triggered function with host.json semantics: fetch up to batchSize messages,
/// fetch again when in-flight work drops to newBatchThreshold, back off while the queue is idle,
/// retry failures after visibilityTimeout, and move a message to <c>&lt;queue&gt;-poison</c>, body
/// intact, once it has failed maxDequeueCount times. Several instances compete for one queue.
/// </summary>
internal sealed class QueueListener : BackgroundService
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(10);

    private readonly QueueFunctionRegistration function;
    private readonly QueueClient queue;
    private readonly QueueClient poisonQueue;
    private readonly QueuesOptions options;
    private readonly IServiceScopeFactory scopes;
    private readonly ListenerStates states;
    private readonly QueueWakeups wakeups;
    private readonly LocalQueueListeners localListeners;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly CancellationTokenSource handlerCancellation = new();
    private readonly ConcurrentDictionary<long, Task> inFlight = new();
    private readonly SemaphoreSlim slotFreed = new(0, 1);
    private readonly Lock reservations = new();
    private int reserved;
    private long nextHandlerId;

    public QueueListener(
        QueueFunctionRegistration function,
        string queueName,
        QueueServiceClient queues,
        QueuesOptions options,
        IServiceScopeFactory scopes,
        ListenerStates states,
        QueueWakeups wakeups,
        LocalQueueListeners localListeners,
        TimeProvider time,
        ILogger<QueueListener> logger)
    {
        this.wakeups = wakeups;
        this.localListeners = localListeners;
        this.function = function;
        queue = queues.GetQueueClient(queueName);
        poisonQueue = queues.GetQueueClient(QueueNames.Poison(queueName));
        this.options = options;
        this.scopes = scopes;
        this.states = states;
        this.time = time;
        this.logger = logger;
    }

    private string ListenerName => $"{function.FunctionName} (queue {queue.Name})";

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Stop taking messages first (fetched or handed over here); then let in-flight handlers finish while the host allows it.
        localListeners.Remove(queue.Name, this);
        await base.StopAsync(cancellationToken);
        var remaining = Task.WhenAll(inFlight.Values);
        try
        {
            await remaining.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Out of time: cancelled handlers hand their messages back (visible at once) for another instance.
            logger.LogWarning("{Listener}: {Count} handlers did not finish before shutdown; cancelling them and releasing their messages.", ListenerName, inFlight.Count);
            await handlerCancellation.CancelAsync();
            await remaining.WaitAsync(SettleTimeout, CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        states.Report(ListenerName, ListenerState.Stopped);
    }

    public override void Dispose()
    {
        handlerCancellation.Dispose();
        slotFreed.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        states.Report(ListenerName, ListenerState.Starting);
        var backoff = new PollingBackoff(options.MaxPollingInterval, Random.Shared);
        var queuesExist = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!queuesExist)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    await poisonQueue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    queuesExist = true;
                    localListeners.Add(queue.Name, this);
                    logger.LogInformation("{Listener}: listening (batch {BatchSize}, new batch at {Threshold} in flight, max {MaxDequeueCount} attempts).",
                        ListenerName, options.BatchSize, options.EffectiveNewBatchThreshold, options.MaxDequeueCount);
                }

                while (inFlight.Count > options.EffectiveNewBatchThreshold)
                {
                    await slotFreed.WaitAsync(stoppingToken);
                }

                QueueMessage[] messages = await queue.ReceiveMessagesAsync(options.BatchSize, options.LeaseDuration, stoppingToken);
                states.Report(ListenerName, ListenerState.Running);
                if (messages.Length == 0)
                {
                    if (await wakeups.DelayAsync(queue.Name, backoff.NextDelay(), stoppingToken))
                    {
                        backoff.Reset();
                    }

                    continue;
                }

                backoff.Reset();
                foreach (var message in messages)
                {
                    Start(message);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                states.Report(ListenerName, ListenerState.Retrying);
                var delay = backoff.NextDelay();
                logger.LogError(exception, "{Listener}: storage request failed; retrying in {Delay}.", ListenerName, delay);
                await Task.Delay(delay, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>
    /// Keeps room for one message that this process is about to put on the queue and hand over with <see cref="HandleHere"/>;
    /// false when a full batch (batchSize) is already in flight or kept, so that the message goes to the queue for anyone.
    /// </summary>
    internal bool TryReserve()
    {
        lock (reservations)
        {
            if (inFlight.Count + reserved >= options.BatchSize)
            {
                return false;
            }

            reserved++;
            return true;
        }
    }

    /// <summary>Gives a reservation back unused: the message could not be put.</summary>
    internal void CancelReservation()
    {
        lock (reservations)
        {
            reserved--;
        }
    }

    /// <summary>
    /// Handles, on a reservation, a message this process has just put on the queue invisible for one lease, exactly as a
    /// fetched one: renewed while it runs, deleted when done, retried or poisoned when it fails. If this process dies
    /// first, the message becomes visible when its lease runs out and any instance fetches it.
    /// </summary>
    internal void HandleHere(QueueMessage message)
    {
        lock (reservations)
        {
            reserved--;
            Start(message);
        }
    }

    private void Start(QueueMessage message)
    {
        // Registered before it runs, so a handler that finishes at once cannot leave a stale entry behind.
        var id = Interlocked.Increment(ref nextHandlerId);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        inFlight[id] = done.Task;
        _ = Task.Run(async () =>
        {
            try
            {
                await HandleAsync(message);
            }
            finally
            {
                inFlight.TryRemove(id, out _);
                SignalSlotFreed();
                done.SetResult();
            }
        }, CancellationToken.None);
    }

    private void SignalSlotFreed()
    {
        try
        {
            slotFreed.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; the fetch loop re-checks the count when it wakes.
        }
    }

    private async Task HandleAsync(QueueMessage message)
    {
        await using var lease = new MessageLease(queue, message, options.LeaseDuration, time, logger);
        using var settle = new CancellationTokenSource(SettleTimeout);
        try
        {
            if (message.DequeueCount > options.MaxDequeueCount)
            {
                // Only a host that died mid-handler leaves a message like this: it has used up its attempts.
                await MoveToPoisonAsync(message, lease, $"it was dequeued {message.DequeueCount} times, more than maxDequeueCount {options.MaxDequeueCount}: earlier hosts stopped while handling it", settle.Token);
                return;
            }

            var context = new QueueMessageContext(queue.Name, message.MessageId, message.DequeueCount, message.InsertedOn);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await function.Invoke(scope.ServiceProvider, message.Body, context, handlerCancellation.Token);
            }
            catch (MalformedQueueMessageException malformed)
            {
                await MoveToPoisonAsync(message, lease, malformed.Message, settle.Token);
                return;
            }
            catch (OperationCanceledException) when (handlerCancellation.IsCancellationRequested)
            {
                await lease.MakeVisibleAsync(TimeSpan.Zero, settle.Token);
                return;
            }
            catch (Exception exception)
            {
                if (message.DequeueCount >= options.MaxDequeueCount)
                {
                    logger.LogError(exception, "{Listener}: message {MessageId} failed on attempt {Attempt} of {MaxDequeueCount}.", ListenerName, message.MessageId, message.DequeueCount, options.MaxDequeueCount);
                    await MoveToPoisonAsync(message, lease, $"the handler failed {message.DequeueCount} times; last error: {exception.Message}", settle.Token);
                }
                else
                {
                    logger.LogWarning(exception, "{Listener}: message {MessageId} failed on attempt {Attempt} of {MaxDequeueCount}; retrying after {VisibilityTimeout}.",
                        ListenerName, message.MessageId, message.DequeueCount, options.MaxDequeueCount, options.VisibilityTimeout);
                    await lease.MakeVisibleAsync(options.VisibilityTimeout, settle.Token);
                }

                return;
            }

            await lease.DeleteAsync(settle.Token);
        }
        catch (Exception exception)
        {
            // Nothing is lost: the message becomes visible again when its lease runs out.
            logger.LogError(exception, "{Listener}: could not settle message {MessageId}; it will be delivered again after its lease.", ListenerName, message.MessageId);
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, MessageLease lease, string reason, CancellationToken cancellationToken)
    {
        // Copy first, delete second: a crash in between leaves a duplicate in the poison queue, never a loss.
        await poisonQueue.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
        await lease.DeleteAsync(cancellationToken);
        logger.LogError("{Listener}: moved message {MessageId} to {PoisonQueue}. Reason: {Reason}", ListenerName, message.MessageId, poisonQueue.Name, reason);
    }
}
