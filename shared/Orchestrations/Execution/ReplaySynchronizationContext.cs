namespace Orbit.Orchestrations.Execution;

/// <summary>
/// Runs an orchestrator's continuations on the replaying thread, in the order they were posted, and only
/// when the replayer drains them: replay is single-threaded and so deterministic.
/// </summary>
internal sealed class ReplaySynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> posted = new();

    public override void Post(SendOrPostCallback d, object? state) => posted.Enqueue((d, state));

    public override void Send(SendOrPostCallback d, object? state) => d(state);

    public void Drain()
    {
        while (posted.TryDequeue(out var work))
        {
            work.Callback(work.State);
        }
    }
}
