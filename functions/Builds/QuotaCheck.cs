namespace Orbit.Functions.Builds;

/// <summary>
/// What the quota check found: a plan with nothing to delete (no lease taken), a plan made under the
/// workspace's cleanup lease that this build now holds, or the build that holds the lease instead. With a lease,
/// <see cref="InlineBudget"/> is how long the instance may carry out the plan itself (Builds:InlineCleanupBudget when
/// checked) before the rest is fanned out. It comes with the check rather than from the orchestrator's settings so that
/// a build replays as it ran: zero in the histories of builds checked before there was an inline part.
/// </summary>
public sealed record QuotaCheck(PlannedCleanup? Plan, bool HoldsLease, string? LeaseHolder, TimeSpan InlineBudget = default)
{
    public static QuotaCheck NothingToDelete(PlannedCleanup plan) => new(plan, false, null);

    public static QuotaCheck Leased(PlannedCleanup plan, TimeSpan inlineBudget = default) => new(plan, true, null, inlineBudget);

    public static QuotaCheck HeldBy(string holder) => new(null, false, holder);
}
