using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Builds;

/// <summary>Input of the quota check: the workspace, the build (instance id) that would hold its cleanup lease, and the build's estimate.</summary>
public sealed record CheckQuotaRequest(WorkspaceId WorkspaceId, string Holder, long EstimatedBytes)
{
    public CleanupLeaseRequest Lease => new(WorkspaceId, Holder);
}
