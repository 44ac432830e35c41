using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Orbit.Quota.Cleanup;
using Orbit.Quota.History;
using Orbit.Quota.Storage;
using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Dashboard;

/// <summary>
/// <c>GET /api/dashboard/workspaces/{id}[?images=token]</c>: a workspace's page. 400 for a malformed id (the id is
/// checked against its grammar before anything is read), 404 for an unknown one.
/// </summary>
public sealed class WorkspacePageFunction(
    DashboardSessions sessions, UsageStore store, WorkspaceCleanupPlanner planner, CleanupHistory history, IOptions<DashboardOptions> options)
{
    [Function("DashboardWorkspace")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/workspaces/{id}")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (!sessions.IsSignedIn(request))
        {
            return DashboardResponses.ToSignIn(request);
        }

        if (!WorkspaceId.TryParse(request.RouteValues["id"] as string, out var id))
        {
            return DashboardResponses.Page(request, NotFoundPage.Render("Not a workspace id", "A workspace id is 1 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit."), StatusCodes.Status400BadRequest);
        }

        if (await store.GetUsageAsync(id, cancellationToken) is not { } usage)
        {
            return DashboardResponses.Page(request, NotFoundPage.Render("No such workspace", $"There is no workspace {id.Value}."), StatusCodes.Status404NotFound);
        }

        var token = request.Query["images"].ToString();
        var images = store.ListImagesAsync(id, options.Value.ImagesPerPage, token.Length > 0 ? token : null, cancellationToken);
        var preview = planner.PlanAsync(id, 0, cancellationToken);
        var (summaries, newest) = await NewestCleanupsAsync(id, cancellationToken);
        var view = new WorkspaceView(usage, await images, await preview, summaries, newest, history.KeepPerWorkspace);
        return DashboardResponses.Page(request, WorkspacePage.Render(view));
    }

    /// <summary>The newest cleanups in a line each, and the newest one whole (up to ~900 KB), the others a link away.</summary>
    private async Task<(IReadOnlyList<CleanupRecordSummary> Summaries, CleanupRecord? Newest)> NewestCleanupsAsync(WorkspaceId id, CancellationToken cancellationToken)
    {
        var summaries = await history.ListNewestAsync(id, options.Value.CleanupsShown, cancellationToken);
        return (summaries, summaries is [var newest, ..] ? await history.GetAsync(id, newest.BuildId, cancellationToken) : null);
    }
}
