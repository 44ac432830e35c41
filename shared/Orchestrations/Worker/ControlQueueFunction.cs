using Orbit.FunctionHost.Queues;
using Orbit.Orchestrations.History;

namespace Orbit.Orchestrations.Worker;

/// <summary>The control queue's trigger: hands events to their instance's episode; re-sends timers not yet due (longer than a queue message can wait).</summary>
public sealed class ControlQueueFunction(InstanceMailboxes mailboxes, OrchestrationMessages messages, TimeProvider time) : IQueueFunction<ControlMessage>
{
    private static readonly TimeSpan EarlyTolerance = TimeSpan.FromMilliseconds(50);

    public async Task RunAsync(ControlMessage message, QueueMessageContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(message.InstanceId) || (message.Event is null && !message.Redrive))
        {
            throw new MalformedQueueMessageException("A control message needs an instanceId and an event (or redrive: true).");
        }

        if (message.Event is { Type: HistoryEventType.TimerFired, FireAt: { } fireAt } && fireAt - time.GetUtcNow() > EarlyTolerance)
        {
            await messages.SendTimerAsync(message.InstanceId, message.Event.TaskId!.Value, fireAt, cancellationToken);
            return;
        }

        await mailboxes.SubmitAsync(await messages.WithPayloadAsync(message, cancellationToken), cancellationToken);
    }
}
