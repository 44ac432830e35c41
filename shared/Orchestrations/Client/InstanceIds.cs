using System.Text.RegularExpressions;

namespace Orbit.Orchestrations.Client;

/// <summary>Instance ids and event names the runtime accepts: they become table keys and URL segments.</summary>
public static partial class InstanceIds
{
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    public static bool IsValidEventName(string? name) => name is not null && EventNamePattern().IsMatch(name);

    public static string New() => Guid.NewGuid().ToString("N");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$")]
    private static partial Regex Pattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]{0,99}$")]
    private static partial Regex EventNamePattern();
}
