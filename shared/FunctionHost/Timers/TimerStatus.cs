namespace Orbit.FunctionHost.Timers;

/// <summary>The schedule status every instance shares: the last occurrence that was claimed and run.</summary>
public sealed record TimerStatus(DateTimeOffset Last, DateTimeOffset LastUpdated);
