using Orbit.FunctionHost.Queues;

namespace Orbit.FunctionHost.TestApp;

/// <summary>Records every delivery it handles (one row per delivery, so duplicates are counted).</summary>
public sealed class RecordFunction(ResultsTable results) : IQueueFunction<WorkItem>
{
    public async Task RunAsync(WorkItem message, QueueMessageContext context, CancellationToken cancellationToken)
    {
        if (context.DequeueCount == 1 && message.FirstAttemptDelayMilliseconds > 0)
        {
            await results.RecordAsync($"started-{message.Id}", Guid.NewGuid().ToString("N"), new Dictionary<string, object>(), cancellationToken);
            await Task.Delay(message.FirstAttemptDelayMilliseconds, cancellationToken);
        }

        await results.RecordAsync(message.Id, Guid.NewGuid().ToString("N"), new Dictionary<string, object> { ["DequeueCount"] = context.DequeueCount }, cancellationToken);
    }
}
