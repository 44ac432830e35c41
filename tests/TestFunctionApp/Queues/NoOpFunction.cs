using Microsoft.Azure.Functions.Worker;

namespace Orbit.TestFunctionApp.Queues;

/// <summary>
/// Queue <c>%NoOpQueue%</c>: takes each message and does nothing with it, so what a benchmark measures is the trigger
/// itself (the host's fetch, the invocation in the worker, the delete): tests/Benchmarks, queue-throughput.
/// </summary>
public sealed class NoOpFunction
{
    [Function("NoOp")]
    public void Run([QueueTrigger("%NoOpQueue%")] string body)
    {
    }
}
