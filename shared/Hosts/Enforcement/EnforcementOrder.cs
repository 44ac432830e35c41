namespace Orbit.Hosts.Enforcement;

/// <summary>Which of an over-quota user's containers go first (DOCKER_QUOTA_ENFORCEMENT_ORDER).</summary>
public enum EnforcementOrder
{
    /// <summary>"newest_first", the default: the container just made is the likeliest mistake and the least work lost.</summary>
    NewestFirst,

    /// <summary>"oldest_first".</summary>
    OldestFirst,

    /// <summary>"largest_first", by SizeRw: the fewest removals to get under quota.</summary>
    LargestFirst,
}
