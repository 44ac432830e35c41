using System.Text.RegularExpressions;

namespace Orbit.Storage;

public static partial class QueueNames
{
    public static string Poison(string queueName) => $"{queueName}-poison";

    /// <summary>Azure Storage's rule: 3–63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.</summary>
    public static bool IsValid(string name) => ValidName().IsMatch(name) && !name.Contains("--", StringComparison.Ordinal);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex ValidName();
}
