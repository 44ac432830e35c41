using System.Text.RegularExpressions;
using Orbit.Quota.Workspaces;

namespace Orbit.Quota.Repositories;

/// <summary>The workspace and app a repository's images count toward, and whether an admin mapped it (else the convention placed it).</summary>
public sealed partial record RepositoryOwner(WorkspaceId WorkspaceId, string AppId, bool Mapped = false)
{
    /// <summary>How the owner came to be, for problems and logs: "by an admin's mapping" or "by convention".</summary>
    public string Source => Mapped ? "by an admin's mapping" : "by convention";

    /// <summary>An app id: 1 to 128 letters, digits, '.', '_' or '-'.</summary>
    public static bool IsValidAppId(string? text) => text is not null && AppIdGrammar().IsMatch(text);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,128}$")]
    private static partial Regex AppIdGrammar();
}
