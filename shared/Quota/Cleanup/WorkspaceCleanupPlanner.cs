using Microsoft.Extensions.Logging;
using Orbit.Quota.Storage;
using Orbit.Quota.Workspaces;

namespace Orbit.Quota.Cleanup;

/// <summary>
/// Plans a workspace's cleanup from its stored aggregate and records. Below the trigger it does not read
/// the records at all: the common pre-build check costs one row. With <c>estimatedBytes</c> it plans as if
/// the coming image were already pushed, so there is room for it.
/// </summary>
public sealed class WorkspaceCleanupPlanner(UsageStore store, ILogger<WorkspaceCleanupPlanner> logger)
{
    /// <summary>The empty plan when usage (with the estimate) is below the trigger, from the one row; null when a cleanup is due.</summary>
    public async Task<CleanupPlan?> BelowTriggerAsync(WorkspaceId workspace, long estimatedBytes, CancellationToken cancellationToken)
    {
        var (_, planned) = await ReadUsageAsync(workspace, estimatedBytes, cancellationToken);
        return planned.UsedBytes < CleanupPlanner.TriggerBytes(planned.Policy) ? CleanupPlanner.Plan([], planned) : null;
    }

    public async Task<CleanupPlan> PlanAsync(WorkspaceId workspace, long estimatedBytes, CancellationToken cancellationToken)
    {
        var (usage, planned) = await ReadUsageAsync(workspace, estimatedBytes, cancellationToken);
        if (planned.UsedBytes < CleanupPlanner.TriggerBytes(usage.Policy))
        {
            return CleanupPlanner.Plan([], planned);
        }

        var images = await store.ListAllImagesAsync(workspace, cancellationToken);
        var plan = CleanupPlanner.Plan(images, planned);
        logger.LogInformation("Cleanup plan for workspace {Workspace} ({Images} images, {Used} bytes used{Estimate}): {Deletions} deletions, {Reason}.",
            workspace, images.Count, usage.UsedBytes, estimatedBytes > 0 ? $" + {estimatedBytes} estimated for the build" : string.Empty, plan.Deletions.Count, plan.Reason);
        return plan;
    }

    private async Task<(WorkspaceUsage Usage, WorkspaceUsage Planned)> ReadUsageAsync(WorkspaceId workspace, long estimatedBytes, CancellationToken cancellationToken)
    {
        var usage = await store.GetUsageAsync(workspace, cancellationToken) ?? throw new UnknownWorkspaceException(workspace);
        return (usage, usage with { UsedBytes = usage.UsedBytes + estimatedBytes });
    }
}
