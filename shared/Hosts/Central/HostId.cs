using System.Text.RegularExpressions;

namespace Orbit.Hosts.Central;

/// <summary>
/// A Docker host's name at the central service: 1 to 63 lowercase letters, digits, '.' and '-', starting and ending with a
/// letter or digit. Lowercase only, because configuration keys (where the host's secret lives) ignore case.
/// </summary>
public static partial class HostId
{
    public const string Grammar = "1 to 63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit";

    public static bool IsValid(string? text) => text is not null && Pattern().IsMatch(text);

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9.-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
