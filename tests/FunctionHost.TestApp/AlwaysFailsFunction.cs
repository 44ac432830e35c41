using Orbit.FunctionHost.Queues;

namespace Orbit.FunctionHost.TestApp;

/// <summary>Records the attempt, then fails, every time.</summary>
public sealed class AlwaysFailsFunction(ResultsTable results) : IQueueFunction<WorkItem>
{
    public async Task RunAsync(WorkItem message, QueueMessageContext context, CancellationToken cancellationToken)
    {
        await results.RecordAsync($"attempt-{message.Id}", context.DequeueCount.ToString(), new Dictionary<string, object>(), cancellationToken);
        throw new InvalidOperationException($"{message.Id} always fails");
    }
}
