using Orbit.Registry.References;

namespace Orbit.Tenants.Scopes;

/// <summary>
/// Actions allowed on the repositories a pattern names: an exact repository name, <c>prefix/*</c> for every
/// repository below a prefix, or <c>*</c> for all.
/// </summary>
public sealed record RepositoryPermission(string Pattern, IReadOnlySet<string> Actions)
{
    public bool Covers(string repository)
    {
        if (!RepositoryName.TryParse(repository, out _))
        {
            return false;
        }

        if (Pattern == "*")
        {
            return true;
        }

        return Pattern.EndsWith("/*", StringComparison.Ordinal)
            ? repository.StartsWith(Pattern[..^1], StringComparison.Ordinal)
            : string.Equals(repository, Pattern, StringComparison.Ordinal);
    }
}
