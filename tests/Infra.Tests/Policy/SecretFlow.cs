using System.Text.RegularExpressions;
using Orbit.Infra.Tests.Arm;
using Orbit.Infra.Tests.Templates;

namespace Orbit.Infra.Tests.Policy;

/// <summary>
/// Whether a value of the template can carry a secret. In ARM a secret reaches a value only through a list*() call
/// (listKeys, listSecrets, listCredentials…), a secure parameter, a key-like property of a resource, or a literal: each
/// is followed through variables, module parameters and module outputs to where it starts.
/// </summary>
public sealed partial class SecretFlow(ArmTemplate main)
{
    /// <summary>Why the value can carry a secret, or null when it cannot.</summary>
    public string? SecretIn(Traced value) => Walk(value.Template, value.Expression, keysOnly: false);

    private string? Walk(ArmTemplate template, ArmExpression expression, bool keysOnly)
    {
        if (expression.DescendantsAndSelf().OfType<ArmCall>().FirstOrDefault(call => call.Name.StartsWith("list", StringComparison.OrdinalIgnoreCase)) is { } list)
        {
            return $"calls {list.Name}() in {template.Path}";
        }

        switch (expression)
        {

            case ArmCall call when call.Is("parameters") && call.StringArgument(0) is { } parameter:
                if (template.IsSecureParameter(parameter))
                {
                    return keysOnly ? null : $"reads the secure parameter '{parameter}' of {template.Path}";
                }

                return template.Argument(parameter) is { } argument ? Walk(template.Parent!, argument, keysOnly)
                    : template.ParameterDefault(parameter) is { } fallback ? Walk(template, fallback, keysOnly)
                    : null;

            case ArmCall call when call.Is("variables") && call.StringArgument(0) is { } variable:
                return Walk(template, template.Variable(variable), keysOnly);

            // The names in a secure object, its size or emptiness say nothing secret.
            case ArmCall call when call.Is("objectKeys") || call.Is("length") || call.Is("empty"):
                return FirstSecret(template, call.Arguments, keysOnly: true);

            case ArmProperty moduleOutput when new Traced(template, moduleOutput).IntoModuleOutput() is { } output:
                return Walk(output.Template, output.Expression, keysOnly);

            case ArmProperty property when SecretPropertyName().IsMatch(property.Name) && !IsLocalAuthFreeTelemetry(template, property):
                return $"reads the property '{property.Name}' in {template.Path}";

            case ArmString literal when CredentialLiteral().IsMatch(literal.Value):
                return $"holds a credential in the literal {literal}";

            case ArmJson json when CredentialLiteral().IsMatch(json.Value.ToJsonString()):
                return $"holds a credential in the literal {json}";

            case ArmCall call:
                return FirstSecret(template, call.Arguments, keysOnly);

            case ArmProperty property:
                return Walk(template, property.Target, keysOnly);

            case ArmIndex index:
                return Walk(template, index.Target, keysOnly) ?? Walk(template, index.Index, keysOnly);

            default:
                return null;
        }
    }

    private string? FirstSecret(ArmTemplate template, IEnumerable<ArmExpression> expressions, bool keysOnly) =>
        expressions.Select(expression => Walk(template, expression, keysOnly)).FirstOrDefault(reason => reason is not null);

    // Application Insights' connection string names the component (an instrumentation key is an identifier); it is
    // no credential where the component refuses local authentication, as every component of these templates must.
    private bool IsLocalAuthFreeTelemetry(ArmTemplate template, ArmProperty property) =>
        property.Name == "ConnectionString"
        && new Traced(template, property).IsPropertyOf("Microsoft.Insights/components", "ConnectionString")
        && main.SelfAndDescendants()
            .SelectMany(each => each.Resources)
            .Where(resource => resource.Type == "Microsoft.Insights/components")
            .All(component => component.At("properties.DisableLocalAuth")?.GetValue<bool>() == true);

    [GeneratedRegex("key|password|secret|connectionstring|sas|token|credential", RegexOptions.IgnoreCase)]
    private static partial Regex SecretPropertyName();

    [GeneratedRegex(@"(AccountKey|SharedAccessKey|SharedAccessSignature|Password|pwd)\s*=|[?&]sig=", RegexOptions.IgnoreCase)]
    private static partial Regex CredentialLiteral();
}
