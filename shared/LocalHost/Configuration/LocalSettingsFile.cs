using System.Text.Json;

namespace Orbit.LocalHost.Configuration;

/// <summary>
/// The <c>Values</c> of the script root's local.settings.json. Core Tools turns them into environment variables of
/// the host and the worker, so their names are environment variable names (<c>__</c> separates sections).
/// </summary>
public static class LocalSettingsFile
{
    public const string FileName = "local.settings.json";

    public static IReadOnlyDictionary<string, string> ReadValues(string scriptRoot)
    {
        var path = Path.Combine(scriptRoot, FileName);
        if (!File.Exists(path))
        {
            return new Dictionary<string, string>();
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });

        if (!document.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object)
        {
            return new Dictionary<string, string>();
        }

        return values.EnumerateObject().ToDictionary(
            property => property.Name,
            property => property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText(),
            StringComparer.Ordinal);
    }

    /// <summary>True when others than the owner may read the file, which holds keys and connection strings.</summary>
    public static bool IsReadableByOthers(string scriptRoot)
    {
        var path = Path.Combine(scriptRoot, FileName);
        return File.Exists(path) && !OperatingSystem.IsWindows()
            && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0;
    }
}
