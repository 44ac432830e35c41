namespace Orbit.Functions.Builds;

/// <summary>
/// What the quota check found: a plan with nothing to delete (no lease taken), a plan made under the
/// workspace's cleanup lease that this build now holds, or the build that holds the lease instead.
/// </summary>
public sealed record QuotaCheck(PlannedCleanup? Plan, bool HoldsLease, string? LeaseHolder)
{
    public static QuotaCheck NothingToDelete(PlannedCleanup plan) => new(plan, false, null);

    public static QuotaCheck Leased(PlannedCleanup plan) => new(plan, true, null);

    public static QuotaCheck HeldBy(string holder) => new(null, false, holder);
}
