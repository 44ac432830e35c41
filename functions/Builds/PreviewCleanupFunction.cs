using Microsoft.Azure.Functions.Worker;
using Orbit.Functions.Http;
using Orbit.Functions.Quota;
using Orbit.Quota.Cleanup;

namespace Orbit.Functions.Builds;

/// <summary>
/// <c>POST /api/internal/workspaces/{id}/cleanup-preview[?estimatedBytes=]</c>: the plan a build would carry
/// out now, without deleting anything (a dry run).
/// </summary>
public sealed class PreviewCleanupFunction(WorkspaceCleanupPlanner planner, TimeProvider time)
{
    [Function("PreviewCleanup")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "internal/workspaces/{id}/cleanup-preview")] HttpRequest request, CancellationToken cancellationToken)
    {
        var workspace = QuotaProblems.WorkspaceIdFrom(request.RouteValues["id"] as string);
        var estimateText = request.Query["estimatedBytes"].ToString();
        long estimated = 0;
        if (estimateText.Length > 0 && (!long.TryParse(estimateText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out estimated) || estimated > BuildInput.MaxEstimatedBytes))
        {
            throw ProblemException.BadRequest($"estimatedBytes must be a whole number of bytes up to {BuildInput.MaxEstimatedBytes}, not '{estimateText}'.");
        }

        var plannedAt = time.GetUtcNow();
        var plan = await planner.PlanAsync(workspace, estimated, cancellationToken);
        return Results.Ok(PlannedCleanup.From(workspace, plan, estimated, plannedAt));
    }
}
