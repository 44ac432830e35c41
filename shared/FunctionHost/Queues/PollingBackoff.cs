namespace Orbit.FunctionHost.Queues;

/// <summary>
/// The idle polling delay of a queue listener: doubles from <see cref="Minimum"/> with each empty
/// poll up to the configured maximum, with ±20 % jitter so instances do not poll in step; back to
/// zero as soon as a message arrives.
/// </summary>
public sealed class PollingBackoff(TimeSpan maximum, Random random)
{
    public static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(100);

    private TimeSpan current = TimeSpan.Zero;

    public TimeSpan NextDelay()
    {
        var doubled = current == TimeSpan.Zero ? Minimum : current * 2;
        current = doubled > maximum ? maximum : doubled;
        var jitter = 0.8 + (random.NextDouble() * 0.4);
        var delay = current * jitter;
        return delay > maximum ? maximum : delay;
    }

    public void Reset() => current = TimeSpan.Zero;
}
