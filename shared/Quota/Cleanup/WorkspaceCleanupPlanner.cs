using Microsoft.Extensions.Logging;
using Orbit.Quota.Repositories;
using Orbit.Quota.Storage;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Quota.Cleanup;

/// <summary>
/// Plans a workspace's cleanup from its stored aggregate and records. Below the trigger it does not read
/// the records at all: the common pre-build check costs one row. With <c>estimatedBytes</c> it plans as if
/// the coming image were already pushed, so there is room for it.
/// </summary>
public sealed class WorkspaceCleanupPlanner(UsageStore store, RepositoryOwners owners, ILogger<WorkspaceCleanupPlanner> logger)
{
    /// <summary>The empty plan when usage (with the estimate) is below the trigger, from the one row; null when a cleanup is due.</summary>
    public async Task<CleanupPlan?> BelowTriggerAsync(WorkspaceId workspace, long estimatedBytes, CancellationToken cancellationToken) =>
        (await CheckTriggerAsync(workspace, estimatedBytes, cancellationToken)).BelowTrigger;

    /// <summary>As <see cref="BelowTriggerAsync"/>, with the row read: a cleanup that is due plans from it (<see cref="PlanUnderLeaseAsync"/>).</summary>
    public async Task<CleanupTriggerCheck> CheckTriggerAsync(WorkspaceId workspace, long estimatedBytes, CancellationToken cancellationToken)
    {
        var read = await store.ReadWorkspaceAsync(workspace, cancellationToken) ?? throw new UnknownWorkspaceException(workspace);
        var planned = WithEstimate(read.Usage, estimatedBytes);
        return new CleanupTriggerCheck(read, planned.UsedBytes < CleanupPlanner.TriggerBytes(planned.Policy) ? CleanupPlanner.Plan([], planned) : null);
    }

    /// <summary>
    /// The plan as it would be carried out now, without the lease: the dry run. Below the trigger from the one row; above it
    /// over the records as they are now, which this process keeps from its last read of them while the workspace row
    /// says nothing changed (<see cref="UsageStore.ReadCurrentRecordsAsync"/>), and the repository mappings as they are now.
    /// </summary>
    public async Task<CleanupPlan> PlanAsync(WorkspaceId workspace, long estimatedBytes, CancellationToken cancellationToken) =>
        await BelowTriggerAsync(workspace, estimatedBytes, cancellationToken)
        ?? await PlanAsync(await store.ReadCurrentRecordsAsync(workspace, cancellationToken) ?? throw new UnknownWorkspaceException(workspace), estimatedBytes, cancellationToken);

    /// <summary>
    /// The plan of a cleanup that is to be carried out, made under the workspace's cleanup lease, which
    /// <paramref name="takeLease"/> takes while the records are read (a cleanup's check is on the way to every build it
    /// precedes), from the workspace row as <paramref name="from"/> read it (the trigger check's read). The records count
    /// only if nothing changed the workspace between that read and the lease being held, which one row read tells;
    /// otherwise they are read again, under the lease. No plan when another build holds the lease: its cleanup changes the records.
    /// </summary>
    public async Task<LeasedCleanupPlan> PlanUnderLeaseAsync(
        WorkspaceRowRead from, long estimatedBytes, Func<CancellationToken, Task<CleanupLease>> takeLease, CancellationToken cancellationToken)
    {
        var workspace = from.Usage.Id;
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = store.ReadRecordsAsync(from, stopReading.Token);
        CleanupLease lease;
        try
        {
            lease = await takeLease(cancellationToken);
        }
        catch
        {
            await AbandonAsync(reading, stopReading);
            throw;
        }

        if (!lease.Acquired)
        {
            await AbandonAsync(reading, stopReading);
            return new LeasedCleanupPlan(lease, null);
        }

        // The admins' repository mappings beside the rest of the read and its confirmation: one round trip fewer on the
        // way to the first DELETE.
        var mappings = owners.ReadMappingsAsync(cancellationToken);
        WorkspaceRecords read;
        try
        {
            read = await reading;
            if (!await store.ConfirmAsync(workspace, read, cancellationToken))
            {
                read = await ReadAsync(workspace, cancellationToken);
                await store.ConfirmAsync(workspace, read, cancellationToken);
            }
        }
        catch
        {
            await ((Task)mappings).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        return new LeasedCleanupPlan(lease, Plan(read, estimatedBytes, await mappings));
    }

    private async Task<WorkspaceRecords> ReadAsync(WorkspaceId workspace, CancellationToken cancellationToken) =>
        await store.ReadRecordsAsync(workspace, cancellationToken) ?? throw new UnknownWorkspaceException(workspace);

    private static async Task AbandonAsync(Task reading, CancellationTokenSource stopReading)
    {
        await stopReading.CancelAsync();
        try
        {
            await reading;
        }
        catch (Exception)
        {
            // Cancelled or failed, the read is not wanted any more; what counts is the lease's outcome.
        }
    }

    private async Task<CleanupPlan> PlanAsync(WorkspaceRecords read, long estimatedBytes, CancellationToken cancellationToken) =>
        Plan(read, estimatedBytes, await owners.ReadMappingsAsync(cancellationToken));

    /// <summary>Plans over the records of repositories the workspace owns: a tenant's or another workspace's are never planned.</summary>
    private CleanupPlan Plan(WorkspaceRecords read, long estimatedBytes, IReadOnlyDictionary<RepositoryName, RepositoryOwner> mappings)
    {
        var planned = WithEstimate(read.Usage, estimatedBytes);
        if (planned.UsedBytes < CleanupPlanner.TriggerBytes(planned.Policy))
        {
            return CleanupPlanner.Plan([], planned);
        }

        var plan = CleanupPlanner.Plan(owners.Owned(read.Usage.Id, read.Images, mappings), planned);
        logger.LogInformation("Cleanup plan for workspace {Workspace} ({Images} images, {Used} bytes used{Estimate}): {Deletions} deletions, {Reason}.",
            read.Usage.Id, read.Images.Count, read.Usage.UsedBytes, estimatedBytes > 0 ? $" + {estimatedBytes} estimated for the build" : string.Empty, plan.Deletions.Count, plan.Reason);
        return plan;
    }

    private static WorkspaceUsage WithEstimate(WorkspaceUsage usage, long estimatedBytes) => usage with { UsedBytes = usage.UsedBytes + estimatedBytes };
}
