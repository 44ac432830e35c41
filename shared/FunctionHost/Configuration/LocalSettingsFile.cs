using System.Text.Json;

namespace Orbit.FunctionHost.Configuration;

/// <summary>
/// The <c>Values</c> of local.settings.json. Core Tools turns them into environment variables,
/// so <c>__</c> in a name means a configuration section, exactly as it does in the environment.
/// </summary>
internal static class LocalSettingsFile
{
    public static IReadOnlyList<KeyValuePair<string, string?>> ReadValues(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });

        if (!document.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        return values.EnumerateObject()
            .Select(property => KeyValuePair.Create(
                property.Name.Replace("__", ":", StringComparison.Ordinal),
                property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText()))
            .ToList();
    }
}
