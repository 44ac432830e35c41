using Microsoft.Extensions.Options;
using Orbit.FunctionHost.Queues;
using Orbit.Orchestrations.History;
using Orbit.Orchestrations.Storage;

namespace Orbit.Orchestrations.Worker;

/// <summary>Sends an episode's work: activities to the work-item queue, timers as delayed control messages.</summary>
public sealed class OrchestrationMessages(QueueMessageSender sender, PayloadStore payloads, IOptions<OrchestrationOptions> options, TimeProvider time)
{
    /// <summary>A queue message can stay invisible for at most 7 days; a later timer is re-sent on arrival until due.</summary>
    public static readonly TimeSpan LongestDelay = TimeSpan.FromDays(6);

    private readonly TaskHubNames names = options.Value.Names;

    public async Task SendControlAsync(ControlMessage message, CancellationToken cancellationToken)
    {
        if (message.Event is { Payload: not null } carried && !sender.Fits(message))
        {
            var reference = await payloads.StoreAsync(message.InstanceId, carried.Payload!, cancellationToken);
            message = message with { Event = carried with { Payload = null }, PayloadReference = reference };
        }

        await sender.SendAsync(names.ControlQueue, message, cancellationToken: cancellationToken);
    }

    /// <summary>The message with its payload back in place, when it was sent by reference.</summary>
    public async Task<ControlMessage> WithPayloadAsync(ControlMessage message, CancellationToken cancellationToken) =>
        message is { PayloadReference: { } reference, Event: { } carried }
            ? message with { Event = carried with { Payload = await payloads.LoadAsync(message.InstanceId, reference, cancellationToken) }, PayloadReference = null }
            : message;

    /// <summary>The work item's input, fetched when it was sent by reference.</summary>
    public async Task<string?> InputOfAsync(WorkItem item, CancellationToken cancellationToken) =>
        item.InputReference is { } reference ? await payloads.LoadAsync(item.InstanceId, reference, cancellationToken) : item.Input;

    /// <summary>
    /// Sends a work item per scheduled activity and a timer message per created timer, in parallel. This process's
    /// work-item listener handles the work items it has room for at once (<see cref="QueueMessageSender.SendToHandleHereAsync"/>):
    /// an episode runs where the instance's messages arrive, so its activities start without another queue hop.
    /// </summary>
    public Task SendWorkAsync(string instanceId, IEnumerable<HistoryEvent> scheduled, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            scheduled.DistinctBy(e => e.TaskId),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.SendParallelism, CancellationToken = cancellationToken },
            async (work, token) =>
            {
                if (work.Type == HistoryEventType.TimerCreated)
                {
                    await SendTimerAsync(instanceId, work.TaskId!.Value, work.FireAt!.Value, token);
                }
                else
                {
                    var item = new WorkItem(instanceId, work.TaskId!.Value, work.Name!, work.Payload);
                    if (work.Payload is not null && !sender.Fits(item))
                    {
                        item = item with { Input = null, InputReference = await payloads.StoreAsync(instanceId, work.Payload, token) };
                    }

                    await sender.SendToHandleHereAsync(names.WorkItemQueue, item, token);
                }
            });

    public Task SendTimerAsync(string instanceId, int taskId, DateTimeOffset fireAt, CancellationToken cancellationToken)
    {
        var delay = fireAt - time.GetUtcNow();
        var message = new ControlMessage(instanceId, HistoryEvent.TimerFired(fireAt, taskId, fireAt));
        return sender.SendAsync(names.ControlQueue, message, delay <= TimeSpan.Zero ? null : delay > LongestDelay ? LongestDelay : delay, cancellationToken);
    }
}
