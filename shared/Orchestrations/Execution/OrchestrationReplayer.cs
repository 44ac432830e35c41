using Orbit.Orchestrations.History;

namespace Orbit.Orchestrations.Execution;

/// <summary>
/// Re-runs an orchestrator from the start, feeding it its history and then this episode's new events one at
/// a time, and running its continuations after each, on this thread. Whatever it creates that the history
/// does not record is this episode's new work.
/// </summary>
internal static class OrchestrationReplayer
{
    public static ReplayOutcome Replay(OrchestrationContext context, Func<OrchestrationContext, Task<string?>> orchestrator, IReadOnlyList<HistoryEvent> past, IReadOnlyList<HistoryEvent> fresh)
    {
        var previous = SynchronizationContext.Current;
        var replay = new ReplaySynchronizationContext();
        SynchronizationContext.SetSynchronizationContext(replay);
        try
        {
            Task<string?>? running = null;
            var index = 0;
            foreach (var entry in past.Concat(fresh))
            {
                context.IsReplaying = index++ < past.Count;
                switch (entry.Type)
                {
                    case HistoryEventType.OrchestratorStarted:
                        context.CurrentUtcDateTime = entry.Timestamp;
                        break;
                    case HistoryEventType.ExecutionStarted:
                        running = Start(orchestrator, context);
                        break;
                    case HistoryEventType.TaskScheduled or HistoryEventType.TimerCreated:
                        context.Record(entry);
                        break;
                    case HistoryEventType.TaskCompleted:
                        context.Complete(entry.TaskId!.Value, entry.Payload);
                        break;
                    case HistoryEventType.TaskFailed:
                        context.Fail(entry.TaskId!.Value, entry.Reason ?? "unknown error");
                        break;
                    case HistoryEventType.TimerFired:
                        context.Complete(entry.TaskId!.Value, null);
                        break;
                    case HistoryEventType.EventRaised:
                        context.Raise(entry.Name!, entry.Payload);
                        break;
                }

                replay.Drain();
            }

            var newWork = context.Work.Where(w => !w.Recorded).OrderBy(w => w.TaskId).ToList();
            return running switch
            {
                { IsCompletedSuccessfully: true } => new ReplayOutcome([], context.CustomStatus, OrchestrationRuntimeStatus.Completed, running.Result, null),
                { IsFaulted: true } => new ReplayOutcome([], context.CustomStatus, OrchestrationRuntimeStatus.Failed, null, FailureReason(running.Exception!)),
                { IsCanceled: true } => new ReplayOutcome([], context.CustomStatus, OrchestrationRuntimeStatus.Failed, null, "The orchestrator was cancelled."),
                _ => new ReplayOutcome(newWork, context.CustomStatus, running is null ? OrchestrationRuntimeStatus.Pending : OrchestrationRuntimeStatus.Running, null, null),
            };
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private static Task<string?> Start(Func<OrchestrationContext, Task<string?>> orchestrator, OrchestrationContext context)
    {
        try
        {
            return orchestrator(context);
        }
        catch (Exception exception)
        {
            return Task.FromException<string?>(exception);
        }
    }

    private static string FailureReason(AggregateException failure) =>
        (failure.InnerExceptions.Count == 1 ? failure.InnerException! : failure).Message;
}
