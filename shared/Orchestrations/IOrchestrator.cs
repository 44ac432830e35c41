namespace Orbit.Orchestrations;

/// <summary>
/// An orchestrator function. It is replayed from its history on every episode, so it must be deterministic:
/// time from <see cref="OrchestrationContext.CurrentUtcDateTime"/>, I/O only through activities, and no
/// awaiting anything but the context's tasks (no Task.Run, Task.Delay or ConfigureAwait(false)).
/// </summary>
public interface IOrchestrator<in TInput, TOutput>
{
    Task<TOutput> RunAsync(OrchestrationContext context, TInput input);
}
