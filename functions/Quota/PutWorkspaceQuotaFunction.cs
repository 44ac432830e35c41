using Microsoft.Azure.Functions.Worker;
using Orbit.Functions.Http;
using Orbit.Quota.Repositories;
using Orbit.Quota.Storage;
using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Quota;

/// <summary>
/// <c>PUT /api/internal/workspaces/{id}/quota</c> (admin key): creates the workspace (201) or changes its quota and thresholds
/// (200); 400 for the id that would own the tenant repositories by convention.
/// </summary>
public sealed class PutWorkspaceQuotaFunction(UsageStore store, RepositoryOwners owners)
{
    [Function("PutWorkspaceQuota")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "put", Route = "internal/workspaces/{id}/quota")] HttpRequest request, CancellationToken cancellationToken)
    {
        var id = QuotaProblems.WorkspaceIdFrom(request.RouteValues["id"] as string);
        owners.RequireAllowedWorkspaceId(id);
        var body = await JsonRequestBody.ReadAsync<PutWorkspaceQuotaRequest>(request, cancellationToken, maxBytes: 1024);
        var defaults = new QuotaPolicy(body.QuotaBytes);
        var policy = new QuotaPolicy(
            body.QuotaBytes,
            body.WarnPercent ?? defaults.WarnPercent,
            body.TriggerPercent ?? defaults.TriggerPercent,
            body.TargetPercent ?? defaults.TargetPercent,
            body.CriticalPercent ?? defaults.CriticalPercent);
        var problems = policy.Problems().ToList();
        if (problems.Count > 0)
        {
            throw ProblemException.BadRequest(string.Join(" ", problems));
        }

        var (created, usage) = await store.SetPolicyAsync(id, policy, cancellationToken);
        var response = UsageResponse.From(usage);
        return created ? Results.Created($"/api/internal/workspaces/{id}/registry-usage", response) : Results.Ok(response);
    }
}
