using System.Text.RegularExpressions;

namespace Orbit.Infra.Tests.Policy;

/// <summary>
/// The setting names the README's Configuration table documents, as environment variable names (<c>Registry__Url</c>),
/// with its wildcards (<c>ServiceBus:*</c>) and placeholders (<c>Hosts:Secrets:&lt;hostId&gt;</c>) kept as patterns.
/// </summary>
public sealed partial class DocumentedSettings
{
    private readonly List<Regex> patterns;

    private DocumentedSettings(List<Regex> patterns) => this.patterns = patterns;

    public int Count => patterns.Count;

    public static DocumentedSettings FromReadme(string readmePath)
    {
        var names = new List<string>();
        foreach (var row in File.ReadLines(readmePath).Where(line => line.StartsWith("| `", StringComparison.Ordinal)))
        {
            var cells = row.Split('|');
            var settings = Quoted(cells[1]).Select(key => key.Replace(":", "__", StringComparison.Ordinal)).ToList();
            names.AddRange(settings);
            names.AddRange(Quoted(cells[2]).Where(name => !name.StartsWith('-')));
            // "… or `__queueServiceUri`, … `__credential=managedidentity`": more keys of the row's first setting.
            var root = settings.FirstOrDefault()?.Split("__")[0];
            names.AddRange(Quoted(cells[3]).Where(name => name.StartsWith("__", StringComparison.Ordinal) && root is not null).Select(name => root + name.Split('=')[0]));
        }

        return new DocumentedSettings(names.Where(name => name != "…").Distinct().Select(ToPattern).ToList());
    }

    /// <summary>Whether the table documents <paramref name="name"/> (a generated name's placeholder matches a documented one).</summary>
    public bool Documents(string name) => patterns.Any(pattern => pattern.IsMatch(name));

    private static IEnumerable<string> Quoted(string cell) => Backticked().Matches(cell).Select(match => match.Groups[1].Value);

    private static Regex ToPattern(string name) =>
        new("^" + Placeholder().Replace(Regex.Escape(name).Replace(@"\*", ".+", StringComparison.Ordinal), ".+") + "$", RegexOptions.IgnoreCase);

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Placeholder();
}
