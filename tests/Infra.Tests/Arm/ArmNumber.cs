namespace Orbit.Infra.Tests.Arm;

/// <summary>An integer literal.</summary>
public sealed record ArmNumber(long Value) : ArmExpression
{
    protected override IEnumerable<ArmExpression> Children() => [];

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
