namespace Orbit.Testing;

/// <summary>
/// The system clock moved by a fixed offset: signs tokens that are already expired, as a clock running behind would, or
/// finds what was written now as old as it will be once the offset has passed.
/// </summary>
public sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
