using System.Text.Json.Nodes;

namespace Orbit.Infra.Tests.Arm;

/// <summary>
/// A parsed ARM template language expression (what Bicep compiles to: <c>"[format('{0}', parameters('x'))]"</c>), or a
/// literal value of the template, so both can be inspected the same way.
/// </summary>
public abstract record ArmExpression
{
    /// <summary>This node and every node below it, depth first.</summary>
    public IEnumerable<ArmExpression> DescendantsAndSelf()
    {
        yield return this;
        foreach (var child in Children())
        {
            foreach (var descendant in child.DescendantsAndSelf())
            {
                yield return descendant;
            }
        }
    }

    protected abstract IEnumerable<ArmExpression> Children();

    /// <summary>
    /// A template value as an expression: a string in brackets is parsed, another string is a literal; JSON booleans
    /// become <c>true()</c>/<c>false()</c> as in ARM's own language, numbers numbers, objects and arrays stay JSON.
    /// </summary>
    public static ArmExpression FromJson(JsonNode? node) => node switch
    {
        null => new ArmCall("null", []),
        JsonValue value when value.TryGetValue(out string? text) => IsExpression(text) ? ArmExpressionParser.Parse(text[1..^1]) : new ArmString(Unescape(text)),
        JsonValue value when value.TryGetValue(out bool flag) => new ArmCall(flag ? "true" : "false", []),
        JsonValue value when value.TryGetValue(out long number) => new ArmNumber(number),
        _ => new ArmJson(node.DeepClone()),
    };

    // ARM: a string that starts with '[' and ends with ']' is an expression, unless it starts with '[[' (a literal '[').
    private static bool IsExpression(string text) => text.Length >= 2 && text[0] == '[' && text[^1] == ']' && !text.StartsWith("[[", StringComparison.Ordinal);

    private static string Unescape(string text) => text.StartsWith("[[", StringComparison.Ordinal) ? text[1..] : text;
}
