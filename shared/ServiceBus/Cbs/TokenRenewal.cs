namespace Orbit.ServiceBus.Cbs;

/// <summary>
/// When to put a fresh token before the one on the connection expires: <see cref="Margin"/> before it does, so a
/// renewal that is slow or has to wait for the identity endpoint still lands in time. A token with less than twice the
/// margin left is renewed halfway to its expiry, but no sooner than <see cref="MinimumWait"/> (or its expiry, if that is
/// nearer), so a credential that keeps handing back the same token is not asked in a tight loop; an expired one at once.
/// Never further ahead than <see cref="MaxWait"/> (timers take no more than about 49 days; a day-long wait costs nothing).
/// </summary>
public static class TokenRenewal
{
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan MinimumWait = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    public static DateTimeOffset At(DateTimeOffset expiresOn, DateTimeOffset now)
    {
        var left = expiresOn - now;
        if (left <= TimeSpan.Zero)
        {
            return now;
        }

        var wait = left >= 2 * Margin ? left - Margin : left / 2;
        if (wait < MinimumWait)
        {
            wait = left < MinimumWait ? left : MinimumWait;
        }

        return now + (wait < MaxWait ? wait : MaxWait);
    }
}
