using Orbit.Functions.Quota;
using Orbit.Orchestrations;
using Orbit.Quota.Cleanup;

namespace Orbit.Functions.Builds;

/// <summary>Activity: gives this build's cleanup lease back (a no-op if it does not hold it).</summary>
public sealed class ReleaseCleanupLeaseActivity(CleanupLeases leases) : IActivity<CleanupLeaseRequest, bool>
{
    public async Task<bool> RunAsync(CleanupLeaseRequest input, CancellationToken cancellationToken)
    {
        await leases.ReleaseAsync(QuotaProblems.WorkspaceIdFrom(input.WorkspaceId), input.Holder, cancellationToken);
        return true;
    }
}
