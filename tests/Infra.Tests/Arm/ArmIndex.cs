namespace Orbit.Infra.Tests.Arm;

/// <summary>An element of a value: <c>target[index]</c>.</summary>
public sealed record ArmIndex(ArmExpression Target, ArmExpression Index) : ArmExpression
{
    protected override IEnumerable<ArmExpression> Children() => [Target, Index];

    public override string ToString() => $"{Target}[{Index}]";
}
