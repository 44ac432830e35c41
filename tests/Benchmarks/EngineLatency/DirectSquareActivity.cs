using DurableTask.Core;

namespace Orbit.Benchmarks.EngineLatency;

/// <summary>The test app's Square activity for the Durable Task Framework itself: the square of its input, and nothing else.</summary>
internal sealed class DirectSquareActivity : TaskActivity<int, long>
{
    protected override long Execute(TaskContext context, int input) => (long)input * input;
}
