namespace Orbit.Infra.Tests.Arm;

/// <summary>A string literal.</summary>
public sealed record ArmString(string Value) : ArmExpression
{
    protected override IEnumerable<ArmExpression> Children() => [];

    public override string ToString() => $"'{Value.Replace("'", "''", StringComparison.Ordinal)}'";
}
