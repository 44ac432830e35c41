namespace Orbit.Orchestrations;

/// <summary>
/// How an orchestrator retries a failed activity: up to <see cref="MaxAttempts"/> attempts, waiting on a
/// durable timer between them, from <see cref="FirstInterval"/> growing by <see cref="BackoffCoefficient"/>
/// up to <see cref="MaxInterval"/>.
/// </summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan FirstInterval, double BackoffCoefficient = 2, TimeSpan? MaxInterval = null)
{
    public TimeSpan DelayBefore(int attempt)
    {
        // Computed in ticks so that a long run of attempts grows past TimeSpan's range into the cap instead of overflowing.
        var ticks = FirstInterval.Ticks * Math.Pow(BackoffCoefficient, attempt - 2);
        var delay = ticks < TimeSpan.MaxValue.Ticks ? TimeSpan.FromTicks((long)ticks) : TimeSpan.MaxValue;
        return MaxInterval is { } max && delay > max ? max : delay;
    }
}
