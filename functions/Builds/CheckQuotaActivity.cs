using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Orbit.Quota.Cleanup;

namespace Orbit.Functions.Builds;

/// <summary>
/// Activity: the pre-build quota check. Below the trigger it costs one row read and takes no lease (most
/// builds). At or above it, it takes the workspace's cleanup lease for this build and plans under it, so no
/// two builds carry out plans made from the same records; or it says which build holds the lease. One
/// activity rather than several because each is a queue round trip before the build may start.
/// </summary>
public sealed class CheckQuotaActivity(CleanupLeases leases, WorkspaceCleanupPlanner planner, IOptions<BuildOptions> options, TimeProvider time)
{
    [Function(nameof(CheckQuotaActivity))]
    public async Task<QuotaCheck> RunAsync([ActivityTrigger] CheckQuotaRequest input, CancellationToken cancellationToken)
    {
        var workspace = input.WorkspaceId;
        var plannedAt = time.GetUtcNow();
        if (await planner.BelowTriggerAsync(workspace, input.EstimatedBytes, cancellationToken) is { } belowTrigger)
        {
            return QuotaCheck.NothingToDelete(PlannedCleanup.From(workspace, belowTrigger, input.EstimatedBytes, plannedAt));
        }

        var leased = await planner.PlanUnderLeaseAsync(
            workspace, input.EstimatedBytes, token => leases.TryAcquireAsync(workspace, input.Holder, options.Value.CleanupLeaseDuration, token), cancellationToken);
        return leased.Plan is { } plan
            ? QuotaCheck.Leased(PlannedCleanup.From(workspace, plan, input.EstimatedBytes, plannedAt, whole: false), options.Value.InlineCleanupBudget)
            : QuotaCheck.HeldBy(leased.Lease.Holder);
    }
}
