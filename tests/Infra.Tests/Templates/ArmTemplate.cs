using System.Text.Json.Nodes;
using Orbit.Infra.Tests.Arm;

namespace Orbit.Infra.Tests.Templates;

/// <summary>
/// One compiled ARM template: main.bicep's, or a module's, nested in its parent as a Microsoft.Resources/deployments
/// resource (Bicep inlines every module). Modules evaluate with their own parameters, which the parent passes.
/// </summary>
public sealed class ArmTemplate
{
    private const string DeploymentType = "Microsoft.Resources/deployments";
    private readonly JsonObject json;
    private readonly JsonObject? arguments;

    private ArmTemplate(JsonObject json, string path, ArmTemplate? parent, JsonObject? arguments)
    {
        this.json = json;
        this.arguments = arguments;
        Path = path;
        Parent = parent;
        Resources = ResourceNodes(json).Select(resource => new TemplateResource(this, resource)).ToList();
        Modules = Resources
            .Where(resource => resource.Type == DeploymentType && resource.Json["properties"]?["template"] is JsonObject)
            .Select(resource => new ArmTemplate(
                resource.Json["properties"]!["template"]!.AsObject(),
                $"{path}/{resource.Json["name"]}",
                this,
                resource.Json["properties"]!["parameters"] as JsonObject))
            .ToList();
    }

    /// <summary>Where the template sits: <c>main</c>, <c>main/storage</c>, …</summary>
    public string Path { get; }

    public ArmTemplate? Parent { get; }

    /// <summary>The module's deployment name (<c>storage</c>), or <c>main</c>.</summary>
    public string Name => Path[(Path.LastIndexOf('/') + 1)..];

    public IReadOnlyList<TemplateResource> Resources { get; }

    public IReadOnlyList<ArmTemplate> Modules { get; }

    public IEnumerable<ArmTemplate> SelfAndDescendants() => Modules.SelectMany(module => module.SelfAndDescendants()).Prepend(this);

    public static ArmTemplate Load(string compiledJsonFile) =>
        new(JsonNode.Parse(File.ReadAllText(compiledJsonFile))!.AsObject(), "main", null, null);

    public ArmTemplate Module(string name) =>
        Modules.SingleOrDefault(module => module.Name == name) ?? throw new InvalidOperationException($"{Path} has no module '{name}'.");

    public IEnumerable<string> ParameterNames => (json["parameters"] as JsonObject)?.Select(parameter => parameter.Key) ?? [];

    public bool IsSecureParameter(string name) =>
        Parameter(name)["type"]?.GetValue<string>() is { } type && type.StartsWith("secure", StringComparison.OrdinalIgnoreCase);

    public ArmExpression? ParameterDefault(string name) =>
        Parameter(name).TryGetPropertyValue("defaultValue", out var value) ? ArmExpression.FromJson(value) : null;

    /// <summary>What the parent passes for <paramref name="name"/>, in the parent's terms; null in main or when unset.</summary>
    public ArmExpression? Argument(string name) =>
        arguments?[name] is JsonObject argument && argument.TryGetPropertyValue("value", out var value) ? ArmExpression.FromJson(value) : null;

    public ArmExpression Variable(string name) =>
        json["variables"] is JsonObject variables && variables.TryGetPropertyValue(name, out var value)
            ? ArmExpression.FromJson(value)
            : throw new InvalidOperationException($"{Path} has no variable '{name}'.");

    public IReadOnlyList<TemplateOutput> Outputs =>
        (json["outputs"] as JsonObject)?
            .Select(output => new TemplateOutput(this, output.Key, output.Value!["type"]!.GetValue<string>(), ArmExpression.FromJson(output.Value["value"])))
            .ToList() ?? [];

    public TemplateOutput Output(string name) =>
        Outputs.SingleOrDefault(output => output.Name == name) ?? throw new InvalidOperationException($"{Path} has no output '{name}'.");

    public override string ToString() => Path;

    private JsonObject Parameter(string name) =>
        json["parameters"]?[name] as JsonObject ?? throw new InvalidOperationException($"{Path} has no parameter '{name}'.");

    // Templates in language version 2.0 keep resources in an object by symbolic name; older ones in an array.
    private static IEnumerable<JsonObject> ResourceNodes(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject byName => byName.Select(resource => resource.Value).OfType<JsonObject>(),
        _ => [],
    };
}
