using Orbit.Orchestrations.History;

namespace Orbit.Orchestrations.Execution;

/// <summary>
/// What replaying an orchestrator over its history and new events decided: the work created in this
/// episode, the custom status, and, if it finished, its output or why it failed.
/// </summary>
internal sealed record ReplayOutcome(IReadOnlyList<ScheduledWork> NewWork, string? CustomStatus, OrchestrationRuntimeStatus Status, string? Output, string? FailureReason)
{
    public IEnumerable<HistoryEvent> NewHistory(DateTimeOffset now)
    {
        foreach (var created in NewWork)
        {
            yield return created.ToHistoryEvent(now);
        }

        if (Status == OrchestrationRuntimeStatus.Completed)
        {
            yield return HistoryEvent.ExecutionCompleted(now, Output);
        }
        else if (Status == OrchestrationRuntimeStatus.Failed)
        {
            yield return HistoryEvent.ExecutionFailed(now, FailureReason!);
        }
    }
}
