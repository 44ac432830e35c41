using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orbit.Quota.Cleanup;

namespace Orbit.Functions.Builds;

/// <summary>
/// Activity: the pre-build quota check. Below the trigger it costs one row read (and, beside it, one of the lease's row,
/// which says whether it may have a plan of its own to resume, below) and takes no lease (most builds). At or above it,
/// it takes the workspace's cleanup lease for this build and plans under it, so no two builds carry out plans made from
/// the same records; or it says which build holds the lease. Holding the lease, it carries out the plan itself for up to
/// Builds:InlineCleanupBudget (<see cref="InlineCleanup"/>), the plan kept before the first DELETE
/// (<see cref="KeptCleanupPlans"/>): a cleanup that fits is done when the check returns, and its plan never travels
/// through the orchestration's queues and history. An attempt run again after one that kept its plan resumes that plan,
/// under the lease, whatever the usage says now (the earlier attempt's deletions may have brought it below the trigger),
/// unless another build has held the lease since (its earlier attempt's lease lapsed): then that plan is stale and it
/// plans again. One activity rather than several because each is a queue round trip before the build may start.
/// </summary>
public sealed class CheckQuotaActivity(
    CleanupLeases leases, WorkspaceCleanupPlanner planner, KeptCleanupPlans keptPlans, InlineCleanup inline, IOptions<BuildOptions> options, TimeProvider time,
    ILogger<CheckQuotaActivity> logger)
{
    [Function(nameof(CheckQuotaActivity))]
    public async Task<QuotaCheck> RunAsync([ActivityTrigger] CheckQuotaRequest input, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var workspace = input.WorkspaceId;
        var plannedAt = time.GetUtcNow();
        var trigger = planner.CheckTriggerAsync(workspace, input.EstimatedBytes, cancellationToken);
        // The lease's row beside the usage's: a cleanup that is due takes the lease with one write over it, and the row says
        // whether this build held the lease last, the only case in which it may have kept a plan to resume.
        var leaseRow = leases.ReadAsync(workspace, cancellationToken);
        await Task.WhenAll(trigger, leaseRow);
        CleanupLeaseRow? seen = await leaseRow;
        if (settings.InlineCleanupBudget > TimeSpan.Zero && seen.HeldLastBy(input.Holder) && await keptPlans.FindAsync(workspace, input.Holder, cancellationToken) is { } resumed)
        {
            var lease = await leases.TryAcquireAsync(workspace, input.Holder, settings.CleanupLeaseDuration, cancellationToken, seen);
            if (!lease.Acquired)
            {
                return QuotaCheck.HeldBy(lease.Holder);
            }

            if (lease.Continued)
            {
                return await CarryOutAsync(input, resumed.Plan, Task.FromResult(resumed), lease, cancellationToken);
            }

            // The earlier attempt's lease lapsed, and another build took it (and gave it back) between this check's read of the
            // row and its write: that build cleaned from newer records, so this plan is stale. Plan again, as any check.
            logger.LogInformation("Build {Build} does not resume the plan it kept for workspace {Workspace}: build {Other} has held the cleanup lease since; it plans again.",
                input.Holder, workspace, lease.PreviousHolder);
            await leases.ReleaseAsync(workspace, input.Holder, cancellationToken, lease.Written);
            seen = null;
        }

        var checkedTrigger = await trigger;
        if (checkedTrigger.BelowTrigger is { } nothingToDo)
        {
            return QuotaCheck.NothingToDelete(PlannedCleanup.From(workspace, nothingToDo, input.EstimatedBytes, plannedAt));
        }

        var leased = await planner.PlanUnderLeaseAsync(
            checkedTrigger.Read, input.EstimatedBytes, token => leases.TryAcquireAsync(workspace, input.Holder, settings.CleanupLeaseDuration, token, seen), cancellationToken);
        if (leased.Plan is null)
        {
            return QuotaCheck.HeldBy(leased.Lease.Holder);
        }

        var plan = PlannedCleanup.From(workspace, leased.Plan, input.EstimatedBytes, plannedAt, whole: false);
        if (settings.InlineCleanupBudget <= TimeSpan.Zero || plan.Deletions.Count == 0)
        {
            // Every batch goes to the fan-out, the plan in the orchestration's history before any of them runs.
            return QuotaCheck.Leased(plan);
        }

        // The plan is kept while the first batches read their records; no DELETE goes out before it is.
        return await CarryOutAsync(input, plan, keptPlans.KeepAsync(input.Holder, plan, cancellationToken), leased.Lease, cancellationToken);
    }

    private async Task<QuotaCheck> CarryOutAsync(CheckQuotaRequest input, PlannedCleanup plan, Task<KeptCleanupPlan> keeping, CleanupLease lease, CancellationToken cancellationToken)
    {
        var carried = await inline.CarryOutAsync(
            input.Holder, plan, plan.Deletions.Select(DigestToDelete.From).ToList(), input.WaitedFor, options.Value.InlineCleanupBudget, cancellationToken, keeping, lease.Written);
        return carried.Finished ? QuotaCheck.CleanedUp(carried) : QuotaCheck.Leased(plan, carried);
    }
}
