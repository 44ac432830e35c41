using Microsoft.Extensions.Logging;
using Orbit.FunctionHost.Queues;
using Orbit.Orchestrations.History;

namespace Orbit.Orchestrations.Worker;

/// <summary>
/// The work-item queue's trigger: runs the named activity and records its result or its error in the
/// instance's history. Recording is what can fail here; then the message is retried and the activity runs
/// again, which is why activities are idempotent.
/// </summary>
public sealed class WorkItemFunction(
    OrchestrationRegistry registry,
    IServiceProvider services,
    OrchestrationMessages messages,
    InstanceMailboxes mailboxes,
    TimeProvider time,
    ILogger<WorkItemFunction> logger) : IQueueFunction<WorkItem>
{
    public async Task RunAsync(WorkItem item, QueueMessageContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(item.InstanceId) || string.IsNullOrEmpty(item.Name))
        {
            throw new MalformedQueueMessageException("A work item needs an instanceId and an activity name.");
        }

        HistoryEvent outcome;
        if (registry.FindActivity(item.Name) is not { } activity)
        {
            outcome = HistoryEvent.TaskFailed(time.GetUtcNow(), item.TaskId, $"No activity named {item.Name} is registered in this app.");
        }
        else
        {
            try
            {
                var result = await activity.Run(services, await messages.InputOfAsync(item, cancellationToken), cancellationToken);
                outcome = HistoryEvent.TaskCompleted(time.GetUtcNow(), item.TaskId, result);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Activity {Activity} (step {TaskId} of {InstanceId}) failed.", item.Name, item.TaskId, item.InstanceId);
                outcome = HistoryEvent.TaskFailed(time.GetUtcNow(), item.TaskId, exception.Message);
            }
        }

        await RecordAsync(new ControlMessage(item.InstanceId, outcome), cancellationToken);
    }

    /// <summary>
    /// Records the outcome in an episode of this process rather than through the control queue, which saves the
    /// instance a queue round trip (and a large result its trip through the payload table) per activity. The work
    /// item stays on its queue until the episode has committed, so a crash before then re-runs the activity and
    /// loses nothing. An episode that cannot commit here (another instance keeps winning the race for the row)
    /// hands the outcome to the control queue, so the activity is not run again for it.
    /// </summary>
    private async Task RecordAsync(ControlMessage outcome, CancellationToken cancellationToken)
    {
        try
        {
            await mailboxes.SubmitAsync(outcome, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Could not record the outcome of step {TaskId} of {InstanceId} here; sending it to the control queue.", outcome.Event!.TaskId, outcome.InstanceId);
            await messages.SendControlAsync(outcome, cancellationToken);
        }
    }
}
