namespace Orbit.Orchestrations.History;

public enum HistoryEventType
{
    /// <summary>The instance started, with its input.</summary>
    ExecutionStarted,

    /// <summary>An episode began; its timestamp is the orchestrator's current time for the episode.</summary>
    OrchestratorStarted,

    TaskScheduled,
    TaskCompleted,
    TaskFailed,
    TimerCreated,
    TimerFired,
    EventRaised,
    ExecutionCompleted,
    ExecutionFailed,
    ExecutionTerminated,
}
