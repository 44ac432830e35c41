using Orbit.Quota.History;
using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Dashboard;

/// <summary>One cleanup of a workspace on a page of its own: every deletion it kept with its reason, and its build log.</summary>
public static class CleanupPage
{
    public static string PathOf(WorkspaceId workspace, string buildId) => $"{WorkspacePage.PathOf(workspace)}/cleanups/{Uri.EscapeDataString(buildId)}";

    public static Html Render(CleanupRecord record) =>
        DashboardLayout.Page($"Cleanup of workspace {record.WorkspaceId.Value}", DashboardLayout.Home, Html.Of($"""
            <p><a href="{WorkspacePage.PathOf(record.WorkspaceId)}#history">Workspace {record.WorkspaceId.Value} and its other cleanups</a></p>
            {CleanupDetails.Render(record, 2)}
            <details><summary>The build log of this cleanup ({record.BuildLog.Count} lines)</summary><pre>{string.Join('\n', record.BuildLog)}</pre></details>
            """));
}
