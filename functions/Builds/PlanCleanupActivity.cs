using Orbit.Functions.Quota;
using Orbit.Orchestrations;
using Orbit.Quota.Cleanup;

namespace Orbit.Functions.Builds;

/// <summary>Activity: reads the workspace's usage and, at or above the trigger, plans what to delete.</summary>
public sealed class PlanCleanupActivity(WorkspaceCleanupPlanner planner) : IActivity<PlanCleanupRequest, PlannedCleanup>
{
    public async Task<PlannedCleanup> RunAsync(PlanCleanupRequest input, CancellationToken cancellationToken)
    {
        var plan = await planner.PlanAsync(QuotaProblems.WorkspaceIdFrom(input.WorkspaceId), input.EstimatedBytes, cancellationToken);
        return PlannedCleanup.From(input.WorkspaceId, plan, input.EstimatedBytes);
    }
}
