namespace Orbit.LocalHost.Http;

/// <summary>Whether the host takes requests: only once the worker's functions are loaded and the triggers listen.</summary>
public sealed class HostState
{
    private volatile bool running;

    public bool IsRunning => running;

    public void Running() => running = true;

    public void Stopping() => running = false;
}
