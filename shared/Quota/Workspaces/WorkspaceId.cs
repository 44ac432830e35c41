using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Orbit.Registry.References;

namespace Orbit.Quota.Workspaces;

/// <summary>A workspace id: 1–63 lowercase letters, digits and '-', the shape of a repository's first path segment (the default mapping).</summary>
[JsonConverter(typeof(TextValueJsonConverter<WorkspaceId>))]
public sealed partial record WorkspaceId : ITextValue<WorkspaceId>
{
    private WorkspaceId(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out WorkspaceId? id)
    {
        id = text is not null && Grammar().IsMatch(text) ? new WorkspaceId(text) : null;
        return id is not null;
    }

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex Grammar();
}
