using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging;
using Orbit.Functions.Hosting;

namespace Orbit.Quota.Tests.Builds.Replay;

/// <summary>
/// The engine's own orchestration context, passed through, with each call the orchestrator makes noted in its episode:
/// the engine does the work, this only watches (as Durable Functions' own context wraps the same one).
/// </summary>
internal sealed class RecordingOrchestrationContext(TaskOrchestrationContext engine, OrchestratorEpisode episode) : TaskOrchestrationContext
{
    public override TaskName Name => engine.Name;

    public override string InstanceId => engine.InstanceId;

    public override ParentOrchestrationInstance? Parent => engine.Parent;

    public override DateTime CurrentUtcDateTime => engine.CurrentUtcDateTime;

    public override bool IsReplaying => engine.IsReplaying;

    public override string Version => engine.Version;

    public override IReadOnlyDictionary<string, object?> Properties => engine.Properties;

    public override TaskOrchestrationEntityFeature Entities => engine.Entities;

    public override ILoggerFactory ReplaySafeLoggerFactory => engine.ReplaySafeLoggerFactory;

    protected override ILoggerFactory LoggerFactory => engine.ReplaySafeLoggerFactory;

    public override T? GetInput<T>() where T : default => engine.GetInput<T>();

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        episode.Add(new OrchestratorAction(OrchestratorAction.Activity, name.Name, Json(input)));
        return engine.CallActivityAsync<TResult>(name, input, options);
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        episode.Add(new OrchestratorAction(OrchestratorAction.Timer, string.Empty, fireAt.ToString("O"), fireAt - engine.CurrentUtcDateTime));
        return engine.CreateTimer(fireAt, cancellationToken);
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        episode.Add(new OrchestratorAction(OrchestratorAction.Event, eventName, string.Empty));
        return engine.WaitForExternalEvent<T>(eventName, cancellationToken);
    }

    public override void SetCustomStatus(object? customStatus)
    {
        episode.Add(new OrchestratorAction(OrchestratorAction.Status, string.Empty, Json(customStatus)));
        engine.SetCustomStatus(customStatus);
    }

    public override void SendEvent(string instanceId, string eventName, object payload)
    {
        episode.Add(new OrchestratorAction("send", eventName, Json(payload)));
        engine.SendEvent(instanceId, eventName, payload);
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        episode.Add(new OrchestratorAction("sub-orchestrator", orchestratorName.Name, Json(input)));
        return engine.CallSubOrchestratorAsync<TResult>(orchestratorName, input, options);
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        episode.Add(new OrchestratorAction("continue-as-new", string.Empty, Json(newInput)));
        engine.ContinueAsNew(newInput, preserveUnprocessedEvents);
    }

    public override Guid NewGuid() => engine.NewGuid();

    /// <summary>As the worker sends it: the app's JSON rules.</summary>
    private static string Json(object? value) => JsonSerializer.Serialize(value, AppJson.Options);
}
