namespace Orbit.Quota.Cleanup;

/// <summary>How a cleanup plan ends, so a caller can branch without parsing <see cref="CleanupPlan.Reason"/>.</summary>
public enum CleanupOutcome
{
    /// <summary>Usage is below the trigger: cleaning up now would delete tags a build may still want.</summary>
    BelowTrigger,

    /// <summary>The planned deletions bring usage to the target or below (possibly with no deletion, when usage already was).</summary>
    TargetReached,

    /// <summary>
    /// Even after deleting every tag the policy allows, usage stays above the target: what is left is protected.
    /// The plan still deletes all it may, because every byte freed makes the coming push more likely to fit.
    /// </summary>
    TargetUnreachable,
}
