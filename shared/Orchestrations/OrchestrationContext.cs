using Orbit.Orchestrations.Execution;
using Orbit.Orchestrations.History;

namespace Orbit.Orchestrations;

/// <summary>
/// What an orchestrator can do: call activities, wait on durable timers and external events, and publish a
/// custom status. Each call is numbered in order; on replay the history supplies the outcomes of the calls
/// already made, so the orchestrator resumes where it stopped.
/// </summary>
public sealed class OrchestrationContext
{
    private readonly Dictionary<int, ScheduledWork> work = [];
    private readonly Dictionary<string, Queue<string?>> bufferedEvents = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<TaskCompletionSource<string?>>> eventWaiters = new(StringComparer.OrdinalIgnoreCase);
    private int nextTaskId;

    internal OrchestrationContext(string instanceId, string name)
    {
        InstanceId = instanceId;
        Name = name;
    }

    public string InstanceId { get; }

    public string Name { get; }

    /// <summary>The time the current episode started: the same on every replay.</summary>
    public DateTimeOffset CurrentUtcDateTime { get; internal set; }

    /// <summary>True while the orchestrator re-runs steps it already took; log only when false.</summary>
    public bool IsReplaying { get; internal set; }

    internal string? CustomStatus { get; private set; }

    internal IEnumerable<ScheduledWork> Work => work.Values;

    public async Task<TResult> CallActivityAsync<TResult>(string name, object? input)
    {
        var scheduled = Schedule(HistoryEventType.TaskScheduled, name, OrchestrationJson.Serialize(input), null);
        return OrchestrationJson.Deserialize<TResult>(await scheduled.Outcome.Task);
    }

    public async Task<TResult> CallActivityAsync<TResult>(string name, object? input, RetryPolicy retry)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await CallActivityAsync<TResult>(name, input);
            }
            catch (TaskFailedException) when (attempt < retry.MaxAttempts)
            {
                await CreateTimer(CurrentUtcDateTime + retry.DelayBefore(attempt + 1));
            }
        }
    }

    /// <summary>A durable timer: survives restarts, fires at <paramref name="fireAt"/> (or at once if that has passed).</summary>
    public Task CreateTimer(DateTimeOffset fireAt) => Schedule(HistoryEventType.TimerCreated, "timer", null, fireAt).Outcome.Task;

    /// <summary>The next event of this name raised for the instance, in the order they arrived; events raised before the wait are kept.</summary>
    public async Task<T> WaitForExternalEvent<T>(string name)
    {
        if (bufferedEvents.TryGetValue(name, out var buffered) && buffered.TryDequeue(out var payload))
        {
            return OrchestrationJson.Deserialize<T>(payload);
        }

        var waiter = new TaskCompletionSource<string?>();
        if (!eventWaiters.TryGetValue(name, out var waiters))
        {
            eventWaiters[name] = waiters = new Queue<TaskCompletionSource<string?>>();
        }

        waiters.Enqueue(waiter);
        return OrchestrationJson.Deserialize<T>(await waiter.Task);
    }

    /// <summary>What status queries show as <c>customStatus</c> (last value set wins); serialised as JSON.</summary>
    public void SetCustomStatus(object? status) => CustomStatus = OrchestrationJson.Serialize(status);

    internal void Record(HistoryEvent scheduled)
    {
        if (!work.TryGetValue(scheduled.TaskId!.Value, out var created) || created.Kind != scheduled.Type || (created.Kind == HistoryEventType.TaskScheduled && created.Name != scheduled.Name))
        {
            throw new NonDeterministicOrchestrationException(
                $"The history says step {scheduled.TaskId} was {Describe(scheduled.Type, scheduled.Name)}, but on replay the orchestrator {(created is null ? "did not create it" : $"created {Describe(created.Kind, created.Name)}")}. Was the orchestrator's code changed while this instance was running?");
        }

        created.Recorded = true;
    }

    internal void Complete(int taskId, string? result) => Find(taskId).Outcome.TrySetResult(result);

    internal void Fail(int taskId, string reason)
    {
        var failed = Find(taskId);
        failed.Outcome.TrySetException(new TaskFailedException(failed.Name, reason));
    }

    internal void Raise(string name, string? payload)
    {
        if (eventWaiters.TryGetValue(name, out var waiters) && waiters.TryDequeue(out var waiter))
        {
            waiter.TrySetResult(payload);
            return;
        }

        if (!bufferedEvents.TryGetValue(name, out var buffered))
        {
            bufferedEvents[name] = buffered = new Queue<string?>();
        }

        buffered.Enqueue(payload);
    }

    private ScheduledWork Schedule(HistoryEventType kind, string name, string? input, DateTimeOffset? fireAt)
    {
        var scheduled = new ScheduledWork(nextTaskId++, kind, name, input, fireAt);
        work[scheduled.TaskId] = scheduled;
        return scheduled;
    }

    private ScheduledWork Find(int taskId) => work.TryGetValue(taskId, out var found)
        ? found
        : throw new NonDeterministicOrchestrationException($"The history has an outcome for step {taskId}, which the orchestrator did not create on replay.");

    private static string Describe(HistoryEventType kind, string? name) => kind == HistoryEventType.TimerCreated ? "a timer" : $"activity {name}";
}
