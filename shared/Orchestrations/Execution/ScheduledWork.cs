using Orbit.Orchestrations.History;

namespace Orbit.Orchestrations.Execution;

/// <summary>An activity call or a timer the orchestrator created, and the task it awaits for its outcome.</summary>
internal sealed class ScheduledWork(int taskId, HistoryEventType kind, string name, string? input, DateTimeOffset? fireAt)
{
    public int TaskId { get; } = taskId;

    /// <summary><see cref="HistoryEventType.TaskScheduled"/> or <see cref="HistoryEventType.TimerCreated"/>.</summary>
    public HistoryEventType Kind { get; } = kind;

    public string Name { get; } = name;

    public string? Input { get; } = input;

    public DateTimeOffset? FireAt { get; } = fireAt;

    /// <summary>Whether the history already records it; what is not recorded was created in this episode.</summary>
    public bool Recorded { get; set; }

    // Continuations go through the replay context (await captures it), never inline on another thread.
    public TaskCompletionSource<string?> Outcome { get; } = new();

    public HistoryEvent ToHistoryEvent(DateTimeOffset now) => Kind == HistoryEventType.TimerCreated
        ? HistoryEvent.TimerCreated(now, TaskId, FireAt!.Value)
        : HistoryEvent.TaskScheduled(now, TaskId, Name, Input);
}
