using Microsoft.Extensions.Logging;
using Orbit.FunctionHost.Http;
using Orbit.Orchestrations.History;
using Orbit.Orchestrations.Storage;
using Orbit.Orchestrations.Worker;

namespace Orbit.Orchestrations.Client;

/// <summary>
/// Starts, queries, signals, terminates and purges instances. Refusals are problem details (400 bad input,
/// 404 unknown instance, 409 id taken or still running, 410 already finished), and a refused request writes nothing.
/// </summary>
public sealed class OrchestrationClient(
    InstanceStore store,
    PayloadStore payloads,
    OrchestrationRegistry registry,
    OrchestrationMessages messages,
    InstanceMailboxes mailboxes,
    TimeProvider time,
    ILogger<OrchestrationClient> logger)
{
    public Task<string> StartAsync(string name, object? input, string? instanceId, CancellationToken cancellationToken) =>
        StartJsonAsync(name, OrchestrationJson.Serialize(input), instanceId, cancellationToken);

    public async Task<string> StartJsonAsync(string name, string? input, string? instanceId, CancellationToken cancellationToken)
    {
        var orchestrator = registry.FindOrchestrator(name) ?? throw ProblemException.NotFound($"There is no orchestrator named '{name}'.");
        if (orchestrator.InputProblem(input) is { } problem)
        {
            throw ProblemException.BadRequest(problem);
        }

        var id = instanceId ?? InstanceIds.New();
        if (!InstanceIds.IsValid(id))
        {
            throw ProblemException.BadRequest($"'{id}' is not an instance id: 1 to 100 letters, digits, '_', '.', ':' or '-', starting with a letter or digit.");
        }

        var now = time.GetUtcNow();
        if (!await store.TryCreateAsync(new InstanceRecord(id, orchestrator.Name, OrchestrationRuntimeStatus.Pending, input, null, null, now, now), cancellationToken))
        {
            throw new ProblemException(409, "Conflict", $"An instance with id '{id}' already exists; purge it first or choose another id.");
        }

        await RunFirstEpisodeAsync(new ControlMessage(id, HistoryEvent.ExecutionStarted(now, orchestrator.Name, input)), cancellationToken);
        return id;
    }

    /// <summary>
    /// Starts the instance here, in the process that created it, rather than after a trip through the control queue:
    /// the first work of a build (its quota check) goes out before the caller has its 202. If the episode fails or the
    /// request is abandoned, the start goes to the control queue; if this process dies first, the sweeper finds the
    /// instance pending and starts it.
    /// </summary>
    private async Task RunFirstEpisodeAsync(ControlMessage started, CancellationToken cancellationToken)
    {
        try
        {
            await mailboxes.SubmitAsync(started, cancellationToken);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not start instance {InstanceId} here; sending its start to the control queue.", started.InstanceId);
            await messages.SendControlAsync(started, CancellationToken.None);
        }
    }

    public Task<InstanceRecord?> GetAsync(string instanceId, CancellationToken cancellationToken) =>
        InstanceIds.IsValid(instanceId) ? store.GetAsync(instanceId, cancellationToken) : Task.FromResult<InstanceRecord?>(null);

    public Task<InstanceState?> GetWithHistoryAsync(string instanceId, CancellationToken cancellationToken) =>
        InstanceIds.IsValid(instanceId) ? store.LoadAsync(instanceId, cancellationToken) : Task.FromResult<InstanceState?>(null);

    public async Task RaiseEventAsync(string instanceId, string eventName, string? payload, CancellationToken cancellationToken)
    {
        if (!InstanceIds.IsValidEventName(eventName))
        {
            throw ProblemException.BadRequest($"'{eventName}' is not an event name: 1 to 100 letters, digits, '_', '.' or '-', starting with a letter.");
        }

        await RequireRunningAsync(instanceId, "raise an event for", cancellationToken);
        await messages.SendControlAsync(new ControlMessage(instanceId, HistoryEvent.EventRaised(time.GetUtcNow(), eventName, payload, Guid.NewGuid().ToString("N"))), cancellationToken);
    }

    public async Task TerminateAsync(string instanceId, string reason, CancellationToken cancellationToken)
    {
        await RequireRunningAsync(instanceId, "terminate", cancellationToken);
        await messages.SendControlAsync(new ControlMessage(instanceId, HistoryEvent.ExecutionTerminated(time.GetUtcNow(), reason)), cancellationToken);
    }

    public async Task PurgeAsync(string instanceId, CancellationToken cancellationToken)
    {
        var instance = await GetAsync(instanceId, cancellationToken) ?? throw UnknownInstance(instanceId);
        if (!instance.RuntimeStatus.IsTerminal())
        {
            throw new ProblemException(409, "Conflict", $"Instance '{instanceId}' is {instance.RuntimeStatus}; terminate it before purging its history.");
        }

        if (!await store.PurgeAsync(instance, cancellationToken))
        {
            throw UnknownInstance(instanceId);
        }

        await payloads.DeleteAllAsync(instanceId, cancellationToken);
    }

    public Task<InstancePage> ListAsync(InstanceQuery query, int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        store.ListAsync(query, pageSize, continuationToken, cancellationToken);

    private async Task RequireRunningAsync(string instanceId, string action, CancellationToken cancellationToken)
    {
        var instance = await GetAsync(instanceId, cancellationToken) ?? throw UnknownInstance(instanceId);
        if (instance.RuntimeStatus.IsTerminal())
        {
            throw new ProblemException(410, "Gone", $"Instance '{instanceId}' is already {instance.RuntimeStatus}; there is nothing to {action}.");
        }
    }

    private static ProblemException UnknownInstance(string instanceId) => ProblemException.NotFound($"There is no orchestration instance '{instanceId}'.");
}
