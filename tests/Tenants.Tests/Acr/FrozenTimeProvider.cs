namespace Orbit.Tenants.Tests.Acr;

/// <summary>A clock stopped at one instant, so the requested expiry matches the recording; timers still run in real time.</summary>
internal sealed class FrozenTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
