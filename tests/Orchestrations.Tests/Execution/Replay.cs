using Orbit.Orchestrations.Execution;
using Orbit.Orchestrations.History;

namespace Orbit.Orchestrations.Tests.Execution;

/// <summary>Drives the replayer episode by episode, keeping the history as the runtime would.</summary>
internal sealed class Replay(Func<OrchestrationContext, Task<string?>> orchestrator)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private readonly List<HistoryEvent> history = [];
    private int episode;

    public IReadOnlyList<HistoryEvent> History => history;

    public DateTimeOffset Now => Start.AddMinutes(episode);

    public ReplayOutcome Episode(params HistoryEvent[] incoming)
    {
        episode++;
        var fresh = new List<HistoryEvent> { HistoryEvent.OrchestratorStarted(Now) };
        fresh.AddRange(incoming);
        var outcome = OrchestrationReplayer.Replay(new OrchestrationContext("instance-1", "Test"), orchestrator, [.. history], fresh);
        history.AddRange(fresh);
        history.AddRange(outcome.NewHistory(Now));
        return outcome;
    }

    public ReplayOutcome Started(string? input = null) => Episode(HistoryEvent.ExecutionStarted(Now, "Test", input));

    public ReplayOutcome Completed(int taskId, object? result) => Episode(HistoryEvent.TaskCompleted(Now, taskId, OrchestrationJson.Serialize(result)));
}
