using Orbit.FunctionHost.Queues;

namespace Orbit.FunctionHost.TestApp;

/// <summary>Does nothing, so a benchmark measures the trigger itself.</summary>
public sealed class NoOpFunction : IQueueFunction<WorkItem>
{
    public Task RunAsync(WorkItem message, QueueMessageContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}
