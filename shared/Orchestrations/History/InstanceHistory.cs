namespace Orbit.Orchestrations.History;

/// <summary>An instance's committed history, episode by episode, with the questions an episode asks of it.</summary>
public sealed class InstanceHistory(IReadOnlyList<Episode> episodes)
{
    public static readonly InstanceHistory Empty = new([]);

    private readonly HashSet<int> scheduled = episodes.SelectMany(e => e.Events).Where(e => e.Type is HistoryEventType.TaskScheduled or HistoryEventType.TimerCreated).Select(e => e.TaskId!.Value).ToHashSet();
    private readonly HashSet<int> finished = episodes.SelectMany(e => e.Events).Where(e => e.Type is HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed or HistoryEventType.TimerFired).Select(e => e.TaskId!.Value).ToHashSet();
    private readonly HashSet<string> raised = episodes.SelectMany(e => e.Events).Where(e => e.EventId is not null).Select(e => e.EventId!).ToHashSet(StringComparer.Ordinal);

    public IReadOnlyList<Episode> Episodes { get; } = episodes;

    public IEnumerable<HistoryEvent> Events => Episodes.SelectMany(e => e.Events);

    public bool HasStarted => Events.Any(e => e.Type == HistoryEventType.ExecutionStarted);

    /// <summary>Whether <paramref name="incoming"/> is already recorded (a redelivered message) or can no longer apply.</summary>
    public bool AlreadyHas(HistoryEvent incoming) => incoming.Type switch
    {
        HistoryEventType.ExecutionStarted => HasStarted,
        HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed or HistoryEventType.TimerFired =>
            finished.Contains(incoming.TaskId!.Value) || !scheduled.Contains(incoming.TaskId!.Value),
        HistoryEventType.EventRaised => raised.Contains(incoming.EventId!),
        _ => false,
    };

    /// <summary>The episode that recorded <paramref name="incoming"/>, if it did.</summary>
    public Episode? EpisodeRecording(HistoryEvent incoming) => incoming.Type switch
    {
        HistoryEventType.ExecutionStarted => Episodes.FirstOrDefault(e => e.Events.Any(h => h.Type == HistoryEventType.ExecutionStarted)),
        HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed or HistoryEventType.TimerFired =>
            Episodes.FirstOrDefault(e => e.Events.Any(h => h.Type is HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed or HistoryEventType.TimerFired && h.TaskId == incoming.TaskId)),
        HistoryEventType.EventRaised => Episodes.FirstOrDefault(e => e.Events.Any(h => h.EventId == incoming.EventId)),
        _ => null,
    };

    /// <summary>Activities and timers scheduled (in <paramref name="episode"/>, or anywhere) that have no outcome yet.</summary>
    public IReadOnlyList<HistoryEvent> Outstanding(Episode? episode = null) =>
        (episode?.Events ?? Events)
            .Where(e => e.Type is HistoryEventType.TaskScheduled or HistoryEventType.TimerCreated && !finished.Contains(e.TaskId!.Value))
            .ToList();
}
