using Microsoft.Azure.Functions.Worker;
using Orbit.Quota.Cleanup;

namespace Orbit.Functions.Builds;

/// <summary>Activity: gives this build's cleanup lease back (a no-op if it does not hold it).</summary>
public sealed class ReleaseCleanupLeaseActivity(CleanupLeases leases)
{
    [Function(nameof(ReleaseCleanupLeaseActivity))]
    public async Task<bool> RunAsync([ActivityTrigger] CleanupLeaseRequest input, CancellationToken cancellationToken)
    {
        await leases.ReleaseAsync(input.WorkspaceId, input.Holder, cancellationToken);
        return true;
    }
}
