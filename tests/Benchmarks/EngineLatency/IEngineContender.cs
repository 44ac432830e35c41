namespace Orbit.Benchmarks.EngineLatency;

/// <summary>One way of running the FanOut orchestration on Microsoft's engine, on a task hub of its own in the run's Azurite.</summary>
internal interface IEngineContender : IAsyncDisposable
{
    string Name { get; }

    /// <summary>The task hub, whose instances table tells when an instance completed.</summary>
    string HubName { get; }

    /// <summary>Starts FanOut with <paramref name="activities"/> activities as <paramref name="instanceId"/>; returns once the start is accepted.</summary>
    Task StartAsync(string instanceId, int activities, CancellationToken cancellationToken);
}
