namespace Orbit.Orchestrations;

/// <summary>The runtime status of an orchestration instance, named as Durable Functions names it.</summary>
public enum OrchestrationRuntimeStatus
{
    Pending,
    Running,
    Completed,
    Failed,
    Terminated,
}
