using System.Text.Json.Nodes;
using Orbit.Infra.Tests.Arm;

namespace Orbit.Infra.Tests.Templates;

/// <summary>A resource declared in a compiled template, with the template it is evaluated in.</summary>
public sealed record TemplateResource(ArmTemplate Template, JsonObject Json)
{
    public string Type => Json["type"]!.GetValue<string>();

    public ArmExpression Name => ArmExpression.FromJson(Json["name"]);

    /// <summary>The <c>condition</c> it is deployed under, or null when it always is.</summary>
    public ArmExpression? Condition => Json.TryGetPropertyValue("condition", out var condition) ? ArmExpression.FromJson(condition) : null;

    /// <summary>An extension resource's <c>scope</c> (the resource it is attached to), or null.</summary>
    public ArmExpression? Scope => Json.TryGetPropertyValue("scope", out var scope) ? ArmExpression.FromJson(scope) : null;

    /// <summary>A value by path under the resource (<c>properties.siteConfig.minTlsVersion</c>), null when absent.</summary>
    public JsonNode? At(string path) =>
        path.Split('.').Aggregate<string, JsonNode?>(Json, (node, step) => node is JsonObject value ? value[step] : null);

    public ArmExpression ValueAt(string path) => ArmExpression.FromJson(At(path));

    public override string ToString() => $"{Type} {Name} in {Template.Path}";
}
