using System.Text.RegularExpressions;

namespace Orbit.Hosts.Central;

/// <summary>
/// A user on a Docker host as the agent names them: a passwd name (1 to 32 letters, digits, '_', '.' and '-', not starting
/// with '.' or '-') or <c>uid:&lt;n&gt;</c> for a uid that passwd does not name. Nothing that could split a table key.
/// </summary>
public static partial class HostUserName
{
    public const string Grammar = "a user name of 1 to 32 letters, digits, '_', '.' and '-', not starting with '.' or '-', or uid:<number>";

    public static bool IsValid(string? text) => text is not null && Pattern().IsMatch(text);

    [GeneratedRegex("^(?:uid:[0-9]{1,10}|[A-Za-z0-9_][A-Za-z0-9_.-]{0,31})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
