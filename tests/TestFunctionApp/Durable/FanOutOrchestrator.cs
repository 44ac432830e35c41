using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Orbit.TestFunctionApp.Durable;

/// <summary>
/// Calls <see cref="SquareActivity"/> once for each of 1 to n, all at once, and returns the sum of the squares: an
/// orchestration whose cost is the engine's alone (no I/O in its activities). tests/Benchmarks (engine-latency) runs the
/// same orchestration on the Durable Task Framework directly, to measure what the extension and the worker add.
/// </summary>
public sealed class FanOutOrchestrator
{
    public const string Name = "FanOut";

    [Function(Name)]
    public async Task<long> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var count = context.GetInput<int>();
        var squares = await Task.WhenAll(Enumerable.Range(1, count).Select(number => context.CallActivityAsync<long>(SquareActivity.Name, number)));
        return squares.Sum();
    }
}
