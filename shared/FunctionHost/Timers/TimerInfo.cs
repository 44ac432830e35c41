namespace Orbit.FunctionHost.Timers;

/// <summary>What a timer-triggered function is told about the run.</summary>
/// <param name="ScheduledTime">The occurrence this run is for.</param>
/// <param name="LastRun">The occurrence of the previous run on any instance, if there was one.</param>
/// <param name="IsPastDue">The occurrence was missed (no instance was running) and is being caught up.</param>
public sealed record TimerInfo(DateTimeOffset ScheduledTime, DateTimeOffset? LastRun, bool IsPastDue);
