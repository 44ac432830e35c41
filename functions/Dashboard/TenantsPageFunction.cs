using Microsoft.Azure.Functions.Worker;
using Orbit.Tenants.Storage;

namespace Orbit.Functions.Dashboard;

/// <summary><c>GET /api/dashboard/tenants</c>: every tenant and its last deploy's pin (one query of the tenants table).</summary>
public sealed class TenantsPageFunction(DashboardSessions sessions, TenantStore tenants)
{
    [Function("DashboardTenants")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/tenants")] HttpRequest request, CancellationToken cancellationToken) =>
        sessions.IsSignedIn(request)
            ? DashboardResponses.Page(request, TenantsPage.Render(await tenants.ListAsync(cancellationToken)))
            : DashboardResponses.ToSignIn(request);
}
