using Microsoft.Extensions.Options;
using Orbit.FunctionHost.Queues;
using Orbit.Orchestrations.History;

namespace Orbit.Orchestrations.Worker;

/// <summary>Sends an episode's work: activities to the work-item queue, timers as delayed control messages.</summary>
public sealed class OrchestrationMessages(QueueMessageSender sender, IOptions<OrchestrationOptions> options, TimeProvider time)
{
    /// <summary>A queue message can stay invisible for at most 7 days; a later timer is re-sent on arrival until due.</summary>
    public static readonly TimeSpan LongestDelay = TimeSpan.FromDays(6);

    private readonly TaskHubNames names = options.Value.Names;

    public Task SendControlAsync(ControlMessage message, CancellationToken cancellationToken) =>
        sender.SendAsync(names.ControlQueue, message, cancellationToken: cancellationToken);

    /// <summary>Sends a work item per scheduled activity and a timer message per created timer, in parallel.</summary>
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
                    await sender.SendAsync(names.WorkItemQueue, new WorkItem(instanceId, work.TaskId!.Value, work.Name!, work.Payload), cancellationToken: token);
                }
            });

    public Task SendTimerAsync(string instanceId, int taskId, DateTimeOffset fireAt, CancellationToken cancellationToken)
    {
        var delay = fireAt - time.GetUtcNow();
        var message = new ControlMessage(instanceId, HistoryEvent.TimerFired(fireAt, taskId, fireAt));
        return sender.SendAsync(names.ControlQueue, message, delay <= TimeSpan.Zero ? null : delay > LongestDelay ? LongestDelay : delay, cancellationToken);
    }
}
