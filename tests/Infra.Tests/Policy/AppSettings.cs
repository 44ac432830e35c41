using System.Text.Json.Nodes;
using Orbit.Infra.Tests.Arm;
using Orbit.Infra.Tests.Templates;

namespace Orbit.Infra.Tests.Policy;

/// <summary>
/// The settings of a <c>Microsoft.Web/sites/config</c> <c>appsettings</c> resource, read from the compiled template:
/// a literal object, or Bicep's <c>union(…)</c> of literal objects (<c>createObject</c>), generated objects
/// (<c>toObject(list, lambda, lambda)</c>) and object parameters passed through (settings the deployer adds).
/// </summary>
public sealed class AppSettings
{
    private readonly List<AppSetting> settings = [];
    private readonly List<string> passThroughParameters = [];

    private AppSettings(TemplateResource config)
    {
        Resource = config;
        Read(config.Template, ArmExpression.FromJson(config.Json["properties"]));
    }

    public TemplateResource Resource { get; }

    /// <summary>Every setting, later ones winning over earlier ones of the same name as in <c>union</c>.</summary>
    public IReadOnlyList<AppSetting> All => settings.GroupBy(setting => setting.Name).Select(group => group.Last()).ToList();

    /// <summary>Object parameters of the template merged in whole: settings chosen by whoever deploys.</summary>
    public IReadOnlyList<string> PassThroughParameters => passThroughParameters;

    public AppSetting? this[string name] => All.SingleOrDefault(setting => setting.Name == name);

    public static bool IsAppSettings(TemplateResource resource) =>
        resource.Type == "Microsoft.Web/sites/config" && resource.Name switch
        {
            ArmString literal => literal.Value.EndsWith("/appsettings", StringComparison.Ordinal),
            ArmCall format when format.Is("format") => format.Arguments[^1] is ArmString { Value: "appsettings" },
            _ => false,
        };

    public static AppSettings Of(TemplateResource config) => new(config);

    private void Read(ArmTemplate template, ArmExpression value)
    {
        switch (value)
        {
            case ArmJson { Value: JsonObject literal }:
                foreach (var (name, setting) in literal)
                {
                    settings.Add(new AppSetting(name, new Traced(template, ArmExpression.FromJson(setting)), IsGenerated: false));
                }

                break;

            case ArmCall call when call.Is("union"):
                foreach (var part in call.Arguments)
                {
                    Read(template, part);
                }

                break;

            case ArmCall call when call.Is("createObject"):
                for (var i = 0; i + 1 < call.Arguments.Count; i += 2)
                {
                    var name = call.StringArgument(i) ?? throw Unreadable(call, "a setting name is not a literal");
                    settings.Add(new AppSetting(name, new Traced(template, call.Arguments[i + 1]), IsGenerated: false));
                }

                break;

            case ArmCall call when call.Is("variables"):
                Read(template, template.Variable(call.StringArgument(0)!));
                break;

            case ArmCall call when call.Is("parameters") && call.StringArgument(0) is { } parameter:
                passThroughParameters.Add(parameter);
                break;

            case ArmCall call when call.Is("toObject") && call.Arguments.Count == 3:
                var (element, nameTemplate) = Lambda(call.Arguments[1]);
                var (_, valueTemplate) = Lambda(call.Arguments[2]);
                settings.Add(new AppSetting(GeneratedName(nameTemplate, element), new Traced(template, valueTemplate), IsGenerated: true));
                break;

            default:
                throw Unreadable(value, "not a form the tests read");
        }
    }

    // lambda('hostId', format('Hosts__Secrets__{0}', lambdaVariables('hostId'))) -> ("hostId", format(...))
    private static (string Element, ArmExpression Body) Lambda(ArmExpression lambda) =>
        lambda is ArmCall { Arguments.Count: 2 } call && call.Is("lambda") && call.StringArgument(0) is { } element
            ? (element, call.Arguments[1])
            : throw Unreadable(lambda, "not a one-argument lambda");

    // format('Hosts__Secrets__{0}', lambdaVariables('hostId')) -> "Hosts__Secrets__<hostId>"
    private static string GeneratedName(ArmExpression nameTemplate, string element)
    {
        if (nameTemplate is not ArmCall format || !format.Is("format") || format.StringArgument(0) is not { } pattern)
        {
            throw Unreadable(nameTemplate, "a generated setting name is not a format(…)");
        }

        var parts = format.Arguments.Skip(1).Select(argument =>
            argument is ArmCall variable && variable.Is("lambdaVariables") && variable.StringArgument(0) == element
                ? $"<{element}>"
                : throw Unreadable(argument, "a generated setting name has more in it than the element"));
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, parts.ToArray<object>());
    }

    private static InvalidOperationException Unreadable(ArmExpression expression, string problem) =>
        new($"App settings built in a way the infra tests cannot read ({problem}): {expression}");
}
