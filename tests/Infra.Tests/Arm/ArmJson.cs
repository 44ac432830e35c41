using System.Text.Json.Nodes;

namespace Orbit.Infra.Tests.Arm;

/// <summary>A literal JSON object or array of the template.</summary>
public sealed record ArmJson(JsonNode Value) : ArmExpression
{
    protected override IEnumerable<ArmExpression> Children() => [];

    public override string ToString() => Value.ToJsonString();
}
