using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Orbit.Quota.Storage;

namespace Orbit.Functions.Dashboard;

/// <summary><c>GET /api/dashboard[?page=N]</c>: the home page, every workspace fullest first (one query of the workspace rows).</summary>
public sealed class WorkspacesPageFunction(DashboardSessions sessions, UsageStore store, IOptions<DashboardOptions> options)
{
    [Function("DashboardWorkspaces")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (!sessions.IsSignedIn(request))
        {
            return DashboardResponses.ToSignIn(request);
        }

        var page = int.TryParse(request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var asked) ? asked : 1;
        var workspaces = WorkspacesPage.Sorted(await store.ListWorkspacesAsync(cancellationToken));
        return DashboardResponses.Page(request, WorkspacesPage.Render(workspaces, page, options.Value.WorkspacesPerPage));
    }
}
