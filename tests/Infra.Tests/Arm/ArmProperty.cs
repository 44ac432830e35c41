namespace Orbit.Infra.Tests.Arm;

/// <summary>A property of a value: <c>target.name</c>.</summary>
public sealed record ArmProperty(ArmExpression Target, string Name) : ArmExpression
{
    protected override IEnumerable<ArmExpression> Children() => [Target];

    public override string ToString() => $"{Target}.{Name}";
}
