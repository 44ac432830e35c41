namespace Orbit.Tenants.Tests.Integration;

/// <summary>The system clock moved by a fixed offset: signs tokens that are already expired, as a clock running behind would.</summary>
public sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
