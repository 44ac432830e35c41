using System.Text.RegularExpressions;
using Orbit.Quota.Workspaces;

namespace Orbit.Quota.Repositories;

/// <summary>The workspace and app a repository's images count toward.</summary>
public sealed partial record RepositoryOwner(WorkspaceId WorkspaceId, string AppId)
{
    /// <summary>An app id: 1 to 128 letters, digits, '.', '_' or '-'.</summary>
    public static bool IsValidAppId(string? text) => text is not null && AppIdGrammar().IsMatch(text);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,128}$")]
    private static partial Regex AppIdGrammar();
}
