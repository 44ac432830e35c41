namespace Orbit.Orchestrations;

public static class OrchestrationRuntimeStatusExtensions
{
    /// <summary>Completed, failed and terminated instances never run again.</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
