using Microsoft.Azure.Functions.Worker;
using Orbit.Functions.Quota;
using Orbit.Quota.Storage;

namespace Orbit.Functions.Dashboard;

/// <summary>
/// <c>GET /api/internal/workspaces/{id}/registry-quota-warning</c> (function key): the seed's banner as an HTML fragment
/// a portal includes as it is, styled by the <c>--orbit-banner-*</c> CSS custom properties; below the warn level 204 No
/// Content (an empty body, and a status that says so without parsing). 400 for a malformed id, 404 for an unknown one.
/// </summary>
public sealed class RegistryQuotaWarningFunction(UsageStore store)
{
    [Function("GetRegistryQuotaWarning")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "internal/workspaces/{id}/registry-quota-warning")] HttpRequest request, CancellationToken cancellationToken)
    {
        var id = QuotaProblems.WorkspaceIdFrom(request.RouteValues["id"] as string);
        var usage = await store.GetUsageAsync(id, cancellationToken) ?? throw new UnknownWorkspaceException(id);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return QuotaBanner.For(usage) is { } banner
            ? Results.Content(RegistryQuotaWarningFragment.Render(banner).Value, "text/html; charset=utf-8")
            : Results.NoContent();
    }
}
