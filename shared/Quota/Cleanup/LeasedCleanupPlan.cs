namespace Orbit.Quota.Cleanup;

/// <summary>A plan made under the workspace's cleanup lease, or no plan and the lease another build holds.</summary>
public sealed record LeasedCleanupPlan(CleanupLease Lease, CleanupPlan? Plan);
