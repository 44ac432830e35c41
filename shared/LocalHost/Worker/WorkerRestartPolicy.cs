namespace Orbit.LocalHost.Worker;

/// <summary>
/// Whether the host starts its worker again after it exited, as the Functions host decides it: it counts the exits that
/// each came within 30 minutes of the one before, and starts the worker again while there have been fewer than three;
/// the third stops the host, so that a supervisor (App Service, systemd, a test fixture) sees an app that cannot run. An
/// exit more than 30 minutes after the one before starts the count afresh.
/// </summary>
public sealed class WorkerRestartPolicy
{
    public const int ExitsBeforeStopping = 3;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    private DateTimeOffset? lastExit;

    /// <summary>The exits counted so far, the last one included.</summary>
    public int Exits { get; private set; }

    /// <summary>Counts an exit of the worker; true when the host is to start it again, false when the host is to stop.</summary>
    public bool RestartAfterExit(DateTimeOffset exitedAt)
    {
        if (lastExit is { } last && exitedAt - last > Window)
        {
            Exits = 0;
        }

        lastExit = exitedAt;
        Exits++;
        return Exits < ExitsBeforeStopping;
    }
}
