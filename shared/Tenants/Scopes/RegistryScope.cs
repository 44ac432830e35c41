using System.Diagnostics.CodeAnalysis;

namespace Orbit.Tenants.Scopes;

/// <summary>
/// One resource scope of the Docker token spec, <c>type:name:action,action</c> (e.g.
/// <c>repository:tenants/tenant-a:pull,push</c>). The name may itself hold a ':' (a registry host with a
/// port), so the type ends at the first ':' and the actions start after the last.
/// </summary>
public sealed record RegistryScope(string Type, string Name, IReadOnlyList<string> Actions)
{
    public const string Repository = "repository";
    public const string RegistryType = "registry";

    public static bool TryParse(string? text, [NotNullWhen(true)] out RegistryScope? scope)
    {
        scope = null;
        if (string.IsNullOrEmpty(text) || text.Length > 1024)
        {
            return false;
        }

        var first = text.IndexOf(':', StringComparison.Ordinal);
        var last = text.LastIndexOf(':');
        if (first <= 0 || last <= first + 1)
        {
            return false;
        }

        var actions = text[(last + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (actions.Length == 0 || actions.Any(action => action.Any(char.IsWhiteSpace)))
        {
            return false;
        }

        scope = new RegistryScope(text[..first], text[(first + 1)..last], actions.Distinct(StringComparer.Ordinal).ToArray());
        return true;
    }

    /// <summary>Every scope in the <c>scope</c> query values; one value may hold several, separated by spaces.</summary>
    public static bool TryParseAll(IEnumerable<string?> values, [NotNullWhen(true)] out IReadOnlyList<RegistryScope>? scopes, [NotNullWhen(false)] out string? invalid)
    {
        var parsed = new List<RegistryScope>();
        foreach (var item in values.SelectMany(value => (value ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            if (!TryParse(item, out var scope))
            {
                scopes = null;
                invalid = item;
                return false;
            }

            parsed.Add(scope);
        }

        scopes = parsed;
        invalid = null;
        return true;
    }

    public override string ToString() => $"{Type}:{Name}:{string.Join(',', Actions)}";
}
