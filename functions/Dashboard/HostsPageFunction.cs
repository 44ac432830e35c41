using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Orbit.Hosts.Storage;

namespace Orbit.Functions.Dashboard;

/// <summary><c>GET /api/dashboard/hosts</c>: every reported Docker host's usage under the limits in force (one query of the host usage table).</summary>
public sealed class HostsPageFunction(DashboardSessions sessions, HostQuotaStore store, IOptions<DashboardOptions> options)
{
    [Function("DashboardHosts")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/hosts")] HttpRequest request, CancellationToken cancellationToken) =>
        sessions.IsSignedIn(request)
            ? DashboardResponses.Page(request, HostsPage.Render(await store.ListUsageAsync(cancellationToken), options.Value.HostWarnPercent))
            : DashboardResponses.ToSignIn(request);
}
