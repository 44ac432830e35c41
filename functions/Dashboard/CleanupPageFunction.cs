using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using Orbit.Quota.History;
using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Dashboard;

/// <summary>
/// <c>GET /api/dashboard/workspaces/{id}/cleanups/{build}</c>: one cleanup of the workspace's history, one row read. 400
/// for a malformed workspace or build id (checked before anything is read), 404 for a cleanup the history does not keep.
/// </summary>
public sealed partial class CleanupPageFunction(DashboardSessions sessions, CleanupHistory history)
{
    [Function("DashboardCleanup")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/workspaces/{id}/cleanups/{build}")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (!sessions.IsSignedIn(request))
        {
            return DashboardResponses.ToSignIn(request);
        }

        if (!WorkspaceId.TryParse(request.RouteValues["id"] as string, out var id) || request.RouteValues["build"] is not string build || !BuildIdPattern().IsMatch(build))
        {
            return DashboardResponses.Page(request, NotFoundPage.Render("Not a cleanup", "A cleanup is named by its workspace's id and its build's id (letters, digits, '-' and '_')."), StatusCodes.Status400BadRequest);
        }

        return await history.GetAsync(id, build, cancellationToken) is { } record
            ? DashboardResponses.Page(request, CleanupPage.Render(record))
            : DashboardResponses.Page(request, NotFoundPage.Render("No such cleanup", $"Workspace {id.Value}'s history keeps no cleanup by build {build}."), StatusCodes.Status404NotFound);
    }

    // Build ids are orchestration instance ids; these characters are all a table row key needs to be safe.
    [GeneratedRegex("^[A-Za-z0-9_-]{1,100}$")]
    private static partial Regex BuildIdPattern();
}
