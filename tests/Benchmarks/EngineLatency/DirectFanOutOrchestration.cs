using DurableTask.Core;

namespace Orbit.Benchmarks.EngineLatency;

/// <summary>
/// The test app's FanOut orchestration (tests/TestFunctionApp/Durable/FanOutOrchestrator.cs) written for the Durable Task
/// Framework itself: <see cref="DirectSquareActivity"/> once for each of 1 to n, all at once, and the sum of the squares.
/// </summary>
internal sealed class DirectFanOutOrchestration : TaskOrchestration<long, int>
{
    public override async Task<long> RunTask(OrchestrationContext context, int input)
    {
        var squares = await Task.WhenAll(Enumerable.Range(1, input).Select(number => context.ScheduleTask<long>(typeof(DirectSquareActivity), number)));
        return squares.Sum();
    }
}
