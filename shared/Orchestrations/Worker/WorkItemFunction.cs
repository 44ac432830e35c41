using Microsoft.Extensions.Logging;
using Orbit.FunctionHost.Queues;
using Orbit.Orchestrations.History;

namespace Orbit.Orchestrations.Worker;

/// <summary>
/// The work-item queue's trigger: runs the named activity and reports its result or its error to the
/// instance. Reporting is what can fail here; then the message is retried and the activity runs again,
/// which is why activities are idempotent.
/// </summary>
public sealed class WorkItemFunction(OrchestrationRegistry registry, IServiceProvider services, OrchestrationMessages messages, TimeProvider time, ILogger<WorkItemFunction> logger) : IQueueFunction<WorkItem>
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

        await messages.SendControlAsync(new ControlMessage(item.InstanceId, outcome), cancellationToken);
    }
}
