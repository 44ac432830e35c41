using Orbit.Infra.Tests.Arm;

namespace Orbit.Infra.Tests.Templates;

/// <summary>An output of a compiled template.</summary>
public sealed record TemplateOutput(ArmTemplate Template, string Name, string Type, ArmExpression Value)
{
    public override string ToString() => $"output {Name} of {Template.Path}";
}
