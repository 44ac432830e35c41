using Microsoft.Extensions.Options;
using Orbit.Functions.Quota;
using Orbit.Orchestrations;
using Orbit.Quota.Cleanup;

namespace Orbit.Functions.Builds;

/// <summary>Activity: takes the workspace's cleanup lease for this build, or says which build has it.</summary>
public sealed class AcquireCleanupLeaseActivity(CleanupLeases leases, IOptions<BuildOptions> options) : IActivity<CleanupLeaseRequest, CleanupLease>
{
    public Task<CleanupLease> RunAsync(CleanupLeaseRequest input, CancellationToken cancellationToken) =>
        leases.TryAcquireAsync(QuotaProblems.WorkspaceIdFrom(input.WorkspaceId), input.Holder, options.Value.CleanupLeaseDuration, cancellationToken);
}
