using System.Collections.Concurrent;

namespace Orbit.Quota.Tests.Builds.Replay;

/// <summary>One run of an orchestrator over its instance's history so far, and what it did, in order.</summary>
internal sealed class OrchestratorEpisode(string instanceId)
{
    private readonly ConcurrentQueue<OrchestratorAction> actions = new();

    public string InstanceId { get; } = instanceId;

    public IReadOnlyList<OrchestratorAction> Actions => [.. actions];

    public void Add(OrchestratorAction action) => actions.Enqueue(action);
}
