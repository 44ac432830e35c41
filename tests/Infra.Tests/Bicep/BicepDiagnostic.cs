using System.Text.RegularExpressions;

namespace Orbit.Infra.Tests.Bicep;

/// <summary>One warning or error the Bicep CLI printed: <c>FILE(line,column) : Warning code: message</c>.</summary>
public sealed partial record BicepDiagnostic(string File, int Line, string Level, string Code, string Message)
{
    public static IReadOnlyList<BicepDiagnostic> ParseAll(string output) =>
        Pattern().Matches(output)
            .Select(match => new BicepDiagnostic(
                match.Groups["file"].Value,
                int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups["level"].Value,
                match.Groups["code"].Value,
                match.Groups["message"].Value.Trim()))
            .ToList();

    public override string ToString() => $"{Path.GetFileName(File)}({Line}) {Level} {Code}: {Message}";

    [GeneratedRegex(@"^(?<file>.+?)\((?<line>\d+),\d+\) : (?<level>Error|Warning|Info) (?<code>[^:\s]+): (?<message>.*)$", RegexOptions.Multiline)]
    private static partial Regex Pattern();
}
