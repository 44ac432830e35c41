using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;

namespace Orbit.Quota.Cleanup;

/// <summary>
/// Decides which tags a pre-build cleanup deletes: a pure function of the workspace's image records and usage
/// (no registry, no clock), so the dry-run preview and the real cleanup cannot disagree and every rule can be
/// property-tested.
/// <list type="bullet">
/// <item>Nothing happens below the trigger; at or above it, deletions run until usage is at or below the target.</item>
/// <item>First pass: each app keeps its newest 3 tags; the older ones go, oldest first. Second pass, only if that
/// is not enough: each app keeps its newest 2.</item>
/// <item>The registry deletes a manifest with every tag on it, so a manifest (repository + digest) goes only
/// when all its tags are candidates. Hence a digest still tagged by a kept tag is never deleted.</item>
/// <item>A manifest tagged <c>latest</c> is never deleted, and no app loses its only tag (its newest is never a candidate).</item>
/// <item>Bytes freed are exact: a blob's bytes count only when the last record referencing it goes.</item>
/// </list>
/// </summary>
public static class CleanupPlanner
{
    /// <summary>Tags per app the first pass keeps.</summary>
    public const int FirstPassKeep = 3;

    /// <summary>Tags per app the second pass keeps; never fewer, so a rollback target always survives.</summary>
    public const int SecondPassKeep = 2;

    /// <summary>The tag deployments pull by default; a manifest carrying it is never deleted.</summary>
    public const string LatestTag = "latest";

    /// <exception cref="ArgumentException">The policy is invalid, a record belongs to another workspace, or a tag is listed twice with the same push time (the store never lists a tag twice).</exception>
    public static CleanupPlan Plan(IReadOnlyList<ImageRecord> images, WorkspaceUsage usage)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(usage);
        var policy = usage.Policy;
        var problems = string.Join(" ", policy.Problems());
        if (problems.Length > 0)
        {
            throw new ArgumentException($"The workspace's policy is invalid: {problems}", nameof(usage));
        }

        var used = usage.UsedBytes;
        var trigger = TriggerBytes(policy);
        var target = TargetBytes(policy);
        if (used < trigger)
        {
            // The common case before a build, so it returns before indexing anything.
            return new CleanupPlan(policy, used, used, trigger, target, [], [], CleanupOutcome.BelowTrigger,
                $"usage {UsagePercent.Format(used, policy.QuotaBytes)} is below the {policy.TriggerPercent}% cleanup trigger");
        }

        var walk = new CleanupWalk(CleanupIndex.Build(images, usage.Id), used, target);
        walk.Pass(1, FirstPassKeep);
        if (walk.AboveTarget)
        {
            walk.Pass(2, SecondPassKeep);
        }

        var after = walk.ProjectedBytes;
        var reached = !walk.AboveTarget;
        var reason = reached
            ? walk.Deletions.Count == 0
                ? $"usage {UsagePercent.Format(used, policy.QuotaBytes)} is already at or below the {policy.TargetPercent}% target"
                : $"deleting {Count(walk.Deletions.Count, "image")} brings usage from {UsagePercent.Format(used, policy.QuotaBytes)} to {UsagePercent.Format(after, policy.QuotaBytes)}, at or below the {policy.TargetPercent}% target"
            : Unreachable(walk.Remaining(), policy);
        return new CleanupPlan(policy, used, after, trigger, target, walk.Deletions, walk.Kept(),
            reached ? CleanupOutcome.TargetReached : CleanupOutcome.TargetUnreachable, reason);
    }

    /// <summary>
    /// Cleanup runs when usage is at or above this. Rounded up, so that for whole-byte usage
    /// <c>usage &gt;= TriggerBytes</c> holds exactly when usage is at or above TriggerPercent of the quota.
    /// </summary>
    public static long TriggerBytes(QuotaPolicy policy) => PercentOf(policy.QuotaBytes, policy.TriggerPercent, roundUp: true);

    /// <summary>
    /// Cleanup stops once usage is at or below this. Rounded down, so that <c>usage &lt;= TargetBytes</c> holds
    /// exactly when usage is at or below TargetPercent of the quota: the target is never overshot by a fraction of a byte.
    /// </summary>
    public static long TargetBytes(QuotaPolicy policy) => PercentOf(policy.QuotaBytes, policy.TargetPercent, roundUp: false);

    // 128-bit so a quota near long.MaxValue cannot overflow when multiplied by a percentage.
    private static long PercentOf(long quotaBytes, int percent, bool roundUp) =>
        (long)(((Int128)quotaBytes * percent + (roundUp ? 99 : 0)) / 100);

    /// <summary>Why usage stays above the target: every tag left is protected, counted by protection.</summary>
    private static string Unreachable(IEnumerable<ManifestUnit> remaining, QuotaPolicy policy)
    {
        int newest = 0, onlyTags = 0, onLatest = 0, shared = 0;
        foreach (var unit in remaining)
        {
            foreach (var tag in unit.Tags)
            {
                if (tag.AppTagCount == 1)
                {
                    onlyTags++;
                }
                else if (tag.Rank < SecondPassKeep)
                {
                    newest++;
                }
                else if (unit.CarriesLatest)
                {
                    onLatest++;
                }
                else
                {
                    shared++;
                }
            }
        }

        var unreachable = $"target {policy.TargetPercent}% unreachable";
        var left = onlyTags + newest + onLatest + shared;
        if (left == 0)
        {
            return $"{unreachable}: no images are tracked, so there is nothing to delete";
        }

        var parts = new List<string>();
        if (onlyTags > 0)
        {
            parts.Add($"{onlyTags} their app's only tag");
        }

        if (newest > 0)
        {
            parts.Add($"{newest} among their app's newest {SecondPassKeep}");
        }

        if (onLatest > 0)
        {
            parts.Add($"{onLatest} on a digest tagged {LatestTag}");
        }

        if (shared > 0)
        {
            parts.Add($"{shared} on a digest shared with a kept tag");
        }

        return $"{unreachable}: {(left == 1 ? "the 1 tag left is" : $"the {left} tags left are")} protected ({string.Join(", ", parts)})";
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
