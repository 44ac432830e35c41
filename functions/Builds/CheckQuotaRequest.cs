using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Builds;

/// <summary>
/// Input of the quota check: the workspace, the build (instance id) that would hold its cleanup lease, the build's
/// estimate, and the build it waited for first, if any (for the log of a cleanup the check carries out).
/// </summary>
public sealed record CheckQuotaRequest(WorkspaceId WorkspaceId, string Holder, long EstimatedBytes, string? WaitedFor = null)
{
    public CleanupLeaseRequest Lease => new(WorkspaceId, Holder);
}
