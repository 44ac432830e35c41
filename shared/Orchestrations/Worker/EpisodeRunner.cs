using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orbit.Orchestrations.Execution;
using Orbit.Orchestrations.History;
using Orbit.Orchestrations.Storage;

namespace Orbit.Orchestrations.Worker;

/// <summary>
/// Runs one episode of an instance: loads it, drops what its history already has, replays the orchestrator
/// over the rest, commits the new history with the instance row (ETag), then sends the work it scheduled.
/// A crash before the commit loses nothing (the messages come back); after it, a redelivered message finds
/// its event recorded and re-sends the work that episode scheduled and nothing answered yet.
/// </summary>
public sealed class EpisodeRunner(
    InstanceStore store,
    OrchestrationRegistry registry,
    OrchestrationMessages messages,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<EpisodeRunner> logger)
{
    private const int MaxCommitAttempts = 20;

    public async Task RunAsync(string instanceId, IReadOnlyList<ControlMessage> batch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var state = await store.LoadAsync(instanceId, cancellationToken);
            if (state is null)
            {
                logger.LogWarning("Instance {InstanceId} does not exist (purged?); dropping {Count} message(s) for it.", instanceId, batch.Count);
                return;
            }

            if (state.Instance.RuntimeStatus.IsTerminal())
            {
                logger.LogDebug("Instance {InstanceId} is {Status}; dropping {Count} late message(s).", instanceId, state.Instance.RuntimeStatus, batch.Count);
                return;
            }

            var (fresh, resend) = Sort(state, batch);
            if (fresh.Count == 0)
            {
                await messages.SendWorkAsync(instanceId, resend, cancellationToken);
                return;
            }

            var now = time.GetUtcNow();
            var (events, updated) = Decide(state, fresh, now);
            var committed = await store.TryCommitAsync(state, events, updated, cancellationToken);
            if (committed is null)
            {
                if (attempt == MaxCommitAttempts)
                {
                    throw new InvalidOperationException($"Instance {instanceId}: another writer committed first {attempt} times in a row; the messages will be retried.");
                }

                // Another instance of the host committed an episode of this instance first: start over from its state.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), time, cancellationToken);
                continue;
            }

            var scheduled = events.Where(e => e.Type is HistoryEventType.TaskScheduled or HistoryEventType.TimerCreated);
            await messages.SendWorkAsync(instanceId, scheduled.Concat(resend), cancellationToken);
            LogEpisode(committed.Instance, fresh, events);
            return;
        }
    }

    /// <summary>Splits the batch into events to record and work to re-send for events recorded before.</summary>
    private static (List<HistoryEvent> Fresh, List<HistoryEvent> Resend) Sort(InstanceState state, IReadOnlyList<ControlMessage> batch)
    {
        var fresh = new List<HistoryEvent>();
        var resend = new List<HistoryEvent>();
        var (instance, history) = state;
        foreach (var message in batch)
        {
            if (message.Redrive)
            {
                resend.AddRange(history.Outstanding());
                if (!history.HasStarted && !fresh.Any(e => e.Type == HistoryEventType.ExecutionStarted))
                {
                    fresh.Add(HistoryEvent.ExecutionStarted(instance.CreatedTime, instance.Name, instance.Input));
                }

                continue;
            }

            var incoming = message.Event!;
            if (history.AlreadyHas(incoming))
            {
                resend.AddRange(history.Outstanding(history.EpisodeRecording(incoming)));
                continue;
            }

            if (!fresh.Any(e => SameOccurrence(e, incoming)))
            {
                fresh.Add(incoming);
            }
        }

        return (fresh, resend);
    }

    private (List<HistoryEvent> Events, InstanceRecord Updated) Decide(InstanceState state, List<HistoryEvent> fresh, DateTimeOffset now)
    {
        var (instance, history) = state;
        var events = new List<HistoryEvent> { HistoryEvent.OrchestratorStarted(now) };
        if (fresh.FirstOrDefault(e => e.Type == HistoryEventType.ExecutionTerminated) is { } terminated)
        {
            events.Add(terminated);
            return (events, instance with { RuntimeStatus = OrchestrationRuntimeStatus.Terminated, Output = OrchestrationJson.Serialize(terminated.Reason), LastUpdatedTime = now, OpenTasks = 0, NextTimerAt = null });
        }

        events.AddRange(fresh);
        if (!history.HasStarted && !fresh.Any(e => e.Type == HistoryEventType.ExecutionStarted))
        {
            // Events raised before the start was processed wait in the history for the orchestrator to ask.
            return (events, instance with { LastUpdatedTime = now });
        }

        ReplayOutcome outcome;
        try
        {
            var orchestrator = registry.FindOrchestrator(instance.Name)
                ?? throw new NonDeterministicOrchestrationException($"No orchestrator named {instance.Name} is registered in this app.");
            using var scope = scopes.CreateScope();
            var context = new OrchestrationContext(instance.InstanceId, instance.Name);
            outcome = OrchestrationReplayer.Replay(context, c => orchestrator.Run(scope.ServiceProvider, c, instance.Input), [.. history.Events], events);
        }
        catch (NonDeterministicOrchestrationException exception)
        {
            outcome = new ReplayOutcome([], instance.CustomStatus, OrchestrationRuntimeStatus.Failed, null, exception.Message);
        }

        events.AddRange(outcome.NewHistory(now));
        var outstanding = new InstanceHistory([.. history.Episodes, new Episode(-1, string.Empty, null, events)]).Outstanding();
        return (events, instance with
        {
            RuntimeStatus = outcome.Status,
            Output = outcome.Status == OrchestrationRuntimeStatus.Completed ? outcome.Output : outcome.Status == OrchestrationRuntimeStatus.Failed ? OrchestrationJson.Serialize(outcome.FailureReason) : null,
            CustomStatus = outcome.CustomStatus,
            LastUpdatedTime = now,
            OpenTasks = outcome.Status.IsTerminal() ? 0 : outstanding.Count(e => e.Type == HistoryEventType.TaskScheduled),
            NextTimerAt = outcome.Status.IsTerminal() ? null : outstanding.Where(e => e.Type == HistoryEventType.TimerCreated).Min(e => e.FireAt),
        });
    }

    private void LogEpisode(InstanceRecord instance, List<HistoryEvent> fresh, List<HistoryEvent> events)
    {
        var scheduled = events.Count(e => e.Type == HistoryEventType.TaskScheduled);
        var timers = events.Count(e => e.Type == HistoryEventType.TimerCreated);
        if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed)
        {
            logger.LogWarning("{Name} {InstanceId} failed: {Reason}", instance.Name, instance.InstanceId, instance.Output);
        }
        else
        {
            logger.LogInformation("{Name} {InstanceId}: episode {Episode} took {Events} ({EventTypes}); scheduled {Activities} activities, {Timers} timers; {Status}.",
                instance.Name, instance.InstanceId, instance.EpisodeCount, fresh.Count, string.Join(",", fresh.Select(e => e.Type).Distinct()), scheduled, timers, instance.RuntimeStatus);
        }
    }

    private static bool SameOccurrence(HistoryEvent a, HistoryEvent b) => a.Type == b.Type && a.Type switch
    {
        HistoryEventType.EventRaised => a.EventId == b.EventId,
        HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed or HistoryEventType.TimerFired => a.TaskId == b.TaskId,
        _ => true,
    };
}
