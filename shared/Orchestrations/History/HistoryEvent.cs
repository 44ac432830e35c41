namespace Orbit.Orchestrations.History;

/// <summary>
/// One entry of an instance's history, the record the orchestrator is replayed from. <see cref="TaskId"/>
/// numbers activities and timers in the order the orchestrator created them; <see cref="Payload"/> is JSON
/// (an input, a result or an output); <see cref="EventId"/> tells a raised event from a redelivery of itself.
/// </summary>
public sealed record HistoryEvent(HistoryEventType Type, DateTimeOffset Timestamp)
{
    public int? TaskId { get; init; }

    public string? Name { get; init; }

    public string? Payload { get; init; }

    public string? Reason { get; init; }

    public DateTimeOffset? FireAt { get; init; }

    public string? EventId { get; init; }

    public static HistoryEvent ExecutionStarted(DateTimeOffset now, string name, string? input) => new(HistoryEventType.ExecutionStarted, now) { Name = name, Payload = input };

    public static HistoryEvent OrchestratorStarted(DateTimeOffset now) => new(HistoryEventType.OrchestratorStarted, now);

    public static HistoryEvent TaskScheduled(DateTimeOffset now, int taskId, string name, string? input) => new(HistoryEventType.TaskScheduled, now) { TaskId = taskId, Name = name, Payload = input };

    public static HistoryEvent TaskCompleted(DateTimeOffset now, int taskId, string? result) => new(HistoryEventType.TaskCompleted, now) { TaskId = taskId, Payload = result };

    public static HistoryEvent TaskFailed(DateTimeOffset now, int taskId, string reason) => new(HistoryEventType.TaskFailed, now) { TaskId = taskId, Reason = reason };

    public static HistoryEvent TimerCreated(DateTimeOffset now, int taskId, DateTimeOffset fireAt) => new(HistoryEventType.TimerCreated, now) { TaskId = taskId, FireAt = fireAt };

    public static HistoryEvent TimerFired(DateTimeOffset now, int taskId, DateTimeOffset fireAt) => new(HistoryEventType.TimerFired, now) { TaskId = taskId, FireAt = fireAt };

    public static HistoryEvent EventRaised(DateTimeOffset now, string name, string? payload, string eventId) => new(HistoryEventType.EventRaised, now) { Name = name, Payload = payload, EventId = eventId };

    public static HistoryEvent ExecutionCompleted(DateTimeOffset now, string? output) => new(HistoryEventType.ExecutionCompleted, now) { Payload = output };

    public static HistoryEvent ExecutionFailed(DateTimeOffset now, string reason) => new(HistoryEventType.ExecutionFailed, now) { Reason = reason };

    public static HistoryEvent ExecutionTerminated(DateTimeOffset now, string reason) => new(HistoryEventType.ExecutionTerminated, now) { Reason = reason };
}
