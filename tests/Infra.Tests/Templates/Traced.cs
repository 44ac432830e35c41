using Orbit.Infra.Tests.Arm;

namespace Orbit.Infra.Tests.Templates;

/// <summary>An expression together with the template it is evaluated in.</summary>
public sealed record Traced(ArmTemplate Template, ArmExpression Expression)
{
    /// <summary>
    /// Follows the value to where it comes from: a module's parameter to what its parent passes, a variable to its
    /// definition, a module output to the module's own expression, main's parameter to its default (unless
    /// <paramref name="keepMainParameters"/>). Stops at anything else: a literal, a resource reference, a function.
    /// </summary>
    public Traced Origin(bool keepMainParameters = false)
    {
        switch (Expression)
        {
            case ArmCall call when call.Is("parameters") && call.StringArgument(0) is { } parameter:
                if (Template.Argument(parameter) is { } argument)
                {
                    return new Traced(Template.Parent!, argument).Origin(keepMainParameters);
                }

                return !keepMainParameters && Template.ParameterDefault(parameter) is { } fallback
                    ? new Traced(Template, fallback).Origin(keepMainParameters)
                    : this;

            case ArmCall call when call.Is("variables") && call.StringArgument(0) is { } variable:
                return new Traced(Template, Template.Variable(variable)).Origin(keepMainParameters);

            // string(x) is x as text, format('{0}', x) too: the origin is x's.
            case ArmCall { Arguments.Count: 1 } call when call.Is("string"):
                return new Traced(Template, call.Arguments[0]).Origin(keepMainParameters);

            case ArmCall { Arguments.Count: 2 } call when call.Is("format") && call.StringArgument(0) == "{0}":
                return new Traced(Template, call.Arguments[1]).Origin(keepMainParameters);

            default:
                return IntoModuleOutput() is { } output ? output.Origin(keepMainParameters) : this;
        }
    }

    /// <summary>For <c>reference(&lt;a module's deployment&gt;).outputs.NAME.value</c>, that output's own expression in the module.</summary>
    public Traced? IntoModuleOutput()
    {
        if (Expression is ArmProperty { Name: "value", Target: ArmProperty { Target: ArmProperty { Name: "outputs", Target: ArmCall reference }, Name: var output } }
            && reference.Is("reference")
            && DeploymentName(reference) is { } module)
        {
            var nested = Template.Module(module);
            return new Traced(nested, nested.Output(output).Value);
        }

        return null;
    }

    /// <summary>Whether this is <c>reference(resourceId('TYPE', …)).PROPERTY</c>: a property of a resource of that type.</summary>
    public bool IsPropertyOf(string resourceType, string property) =>
        Expression is ArmProperty { Target: ArmCall reference } access
        && access.Name == property
        && reference.Is("reference")
        && reference.Arguments.Count > 0
        && IsIdOf(reference.Arguments[0], resourceType);

    /// <summary>Whether this is <c>resourceId('TYPE', …)</c>: the id of a resource of that type.</summary>
    public bool IsIdOf(string resourceType) => IsIdOf(Expression, resourceType);

    public override string ToString() => $"{Expression} (in {Template.Path})";

    private static bool IsIdOf(ArmExpression expression, string resourceType) =>
        expression is ArmCall call && call.Is("resourceId") && call.StringArgument(0) == resourceType;

    // reference(resourceId('Microsoft.Resources/deployments', 'NAME'), …) or, for a module in another resource group,
    // reference(extensionResourceId(<group>, 'Microsoft.Resources/deployments', 'NAME'), …).
    private static string? DeploymentName(ArmCall reference) => reference.Arguments.FirstOrDefault() switch
    {
        ArmCall id when id.Is("resourceId") && id.StringArgument(0) == "Microsoft.Resources/deployments" => id.StringArgument(1),
        ArmCall id when id.Is("extensionResourceId") && id.StringArgument(1) == "Microsoft.Resources/deployments" => id.StringArgument(2),
        _ => null,
    };
}
