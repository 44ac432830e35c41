using Microsoft.Azure.Functions.Worker;
using Orbit.Quota.Storage;

namespace Orbit.Functions.Quota;

/// <summary><c>GET /api/internal/workspaces/{id}/registry-usage</c>: the workspace's aggregate, one row read.</summary>
public sealed class GetRegistryUsageFunction(UsageStore store)
{
    [Function("GetRegistryUsage")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "internal/workspaces/{id}/registry-usage")] HttpRequest request, CancellationToken cancellationToken)
    {
        var id = QuotaProblems.WorkspaceIdFrom(request.RouteValues["id"] as string);
        var usage = await store.GetUsageAsync(id, cancellationToken) ?? throw new UnknownWorkspaceException(id);
        return Results.Ok(UsageResponse.From(usage));
    }
}
