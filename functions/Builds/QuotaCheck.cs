namespace Orbit.Functions.Builds;

/// <summary>
/// What the quota check found: a plan with nothing to delete (no lease taken), a plan made under the workspace's cleanup
/// lease that this build now holds, or the build that holds the lease instead. Holding the lease, the check may have
/// carried out the plan itself (<see cref="CarriedOut"/>): all of it, then the cleanup's summary is there and the plan is
/// not, the lease already given back; or part of it, and the orchestration fans out the rest.
/// <see cref="InlineBudget"/> is from the builds checked while the inline part was an activity of its own
/// (<see cref="CarryOutCleanupActivity"/>) and whose history calls it next; zero in the histories of builds checked before
/// there was an inline part, and in every check since.
/// </summary>
public sealed record QuotaCheck(PlannedCleanup? Plan, bool HoldsLease, string? LeaseHolder, TimeSpan InlineBudget = default, CarriedOutCleanup? CarriedOut = null)
{
    public static QuotaCheck NothingToDelete(PlannedCleanup plan) => new(plan, false, null);

    public static QuotaCheck Leased(PlannedCleanup plan, CarriedOutCleanup? carriedOut = null) => new(plan, true, null, CarriedOut: carriedOut);

    /// <summary>The check carried out the whole plan, kept it in the history and gave the lease back.</summary>
    public static QuotaCheck CleanedUp(CarriedOutCleanup carriedOut) => new(null, false, null, CarriedOut: carriedOut);

    public static QuotaCheck HeldBy(string holder) => new(null, false, holder);
}
