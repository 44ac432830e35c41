namespace Orbit.FunctionHost.Timers;

/// <summary>A timer-triggered function. One instance runs it per occurrence; a failed run is logged and
/// not retried until the next occurrence.</summary>
public interface ITimerFunction
{
    Task RunAsync(TimerInfo timer, CancellationToken cancellationToken);
}
