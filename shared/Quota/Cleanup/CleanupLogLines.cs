namespace Orbit.Quota.Cleanup;

/// <summary>
/// The lines a build prints about its pre-build cleanup: a summary first (what was freed, usage before and
/// after), then one line per deletion, so anyone missing a tag finds it in the log with the reason, then the
/// images kept and why, capped so a workspace with thousands of them does not drown the build log.
/// </summary>
public static class CleanupLogLines
{
    public const int DefaultMaxKeptLines = 20;

    // Enough of a digest to find it in the registry's UI, as `docker images` shortens ids.
    private const int ShortDigestHexLength = 12;

    /// <param name="withDeletions">False leaves out the line per deletion, for a caller whose log says again what became of each.</param>
    public static IReadOnlyList<string> For(CleanupPlan plan, int maxKeptLines = DefaultMaxKeptLines, bool withDeletions = true)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var lines = new List<string> { Summary(plan) };
        if (withDeletions)
        {
            lines.AddRange(plan.Deletions.Select(deletion => Deleted(deletion.Repository.Value, deletion.Tags.Select(tag => tag.Value), deletion.Digest.Value, deletion.FreedBytes, deletion.Reason)));
        }

        lines.AddRange(KeptLines(plan, maxKeptLines));
        return lines;
    }

    /// <summary>
    /// The lines on the images the plan keeps and why: first those a reader may not expect to stay (on <c>latest</c>, sharing
    /// a kept tag's digest, old but not needed), then those the policy keeps anyway (an app's newest or only tags), oldest first
    /// within each; past <paramref name="maxKeptLines"/>, one line counting the rest by reason.
    /// </summary>
    public static IReadOnlyList<string> KeptLines(CleanupPlan plan, int maxKeptLines = DefaultMaxKeptLines)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var kept = plan.Kept.OrderBy(image => Surprise(image.Reason)).ToList();
        var shown = Math.Clamp(maxKeptLines, 0, kept.Count);
        var lines = kept.Take(shown)
            .Select(image => $"kept {TagList(image.Repository.Value, image.Tags.Select(tag => tag.Value))} ({ShortDigest(image.Digest.Value)}): {image.Explanation}")
            .ToList();
        if (shown < kept.Count)
        {
            var counts = kept.Skip(shown).GroupBy(image => image.Reason).OrderBy(group => Surprise(group.Key)).Select(group => $"{group.Count()} {Counted(group.Key)}");
            lines.Add($"kept {kept.Count - shown} more images ({string.Join(", ", counts)}); the plan lists them all.");
        }

        return lines;
    }

    /// <summary>"deleted ws/api:1.4.0 (sha256:0a1b2c3d4e5f…, 412 MiB freed): oldest beyond newest 3".</summary>
    public static string Deleted(string repository, IEnumerable<string> tags, string digest, long freedBytes, string reason) =>
        $"deleted {TagList(repository, tags)} ({ShortDigest(digest)}, {ByteSize.Format(freedBytes)} freed): {reason}";

    /// <summary>
    /// The summary of a cleanup as carried out, from what its deletions really freed (whoever untracked each digest first):
    /// usage measured before the cleanup (without a build's estimate) and that minus the bytes freed, so the bytes, the
    /// percentages and the deletion lines agree with each other and with the workspace's usage.
    /// </summary>
    /// <param name="removed">Planned deletions carried out (deleted, or found already deleted).</param>
    /// <param name="unreachable">The plan's reason when it could not reach the target; null when it could.</param>
    public static string CarriedOut(long usedBytesBefore, long freedBytes, long quotaBytes, int targetPercent, int removed, int planned, string? unreachable)
    {
        var deleted = removed == planned ? (planned == 1 ? "1 image" : $"{planned} images") : $"{removed} of {planned} planned images";
        var usage = $"usage {UsagePercent.Format(usedBytesBefore, quotaBytes)} -> {UsagePercent.Format(usedBytesBefore - freedBytes, quotaBytes)} of {ByteSize.Format(quotaBytes)}";
        return $"Freed {ByteSize.Format(freedBytes)}: deleted {deleted}; {usage}{(unreachable is null ? $" (target {targetPercent}%)" : $"; {unreachable}")}.";
    }

    private static string Summary(CleanupPlan plan)
    {
        var quota = ByteSize.Format(plan.QuotaBytes);
        var before = UsagePercent.Format(plan.UsedBytesBefore, plan.QuotaBytes);
        var target = plan.Policy.TargetPercent;
        return (plan.Outcome, plan.Deletions.Count) switch
        {
            (CleanupOutcome.BelowTrigger, _) => $"Usage {before} of {quota}, below the {plan.Policy.TriggerPercent}% cleanup trigger: nothing deleted.",
            (CleanupOutcome.TargetReached, 0) => $"Usage {before} of {quota}, already at or below the {target}% target: nothing deleted.",
            (_, 0) => $"Usage {before} of {quota}, above the {plan.Policy.TriggerPercent}% cleanup trigger, but nothing could be deleted; {plan.Reason}.",
            _ => CarriedOut(plan.UsedBytesBefore, plan.FreedBytes, plan.QuotaBytes, target, plan.Deletions.Count, plan.Deletions.Count,
                plan.Outcome == CleanupOutcome.TargetUnreachable ? plan.Reason : null),
        };
    }

    // What a reader of a build log least expects to see kept comes first.
    private static int Surprise(KeepReason reason) => reason switch
    {
        KeepReason.CarriesLatest => 0,
        KeepReason.SharesDigestWithKeptTag => 1,
        KeepReason.NotNeeded => 2,
        KeepReason.OnlyTagOfApp => 3,
        _ => 4,
    };

    private static string Counted(KeepReason reason) => reason switch
    {
        KeepReason.CarriesLatest => $"carrying {CleanupPlanner.LatestTag}",
        KeepReason.SharesDigestWithKeptTag => "sharing a kept tag's digest",
        KeepReason.NotNeeded => "old but not needed",
        KeepReason.OnlyTagOfApp => "their app's only tag",
        _ => "among their app's newest",
    };

    /// <summary>"ws/api:1.4.0, ws/api:1.4": full references, so each can be pasted into a pull command.</summary>
    public static string TagList(string repository, IEnumerable<string> tags) =>
        string.Join(", ", tags.Select(tag => $"{repository}:{tag}"));

    /// <summary>"sha256:" and the first 12 hex digits, then "…".</summary>
    public static string ShortDigest(string digest)
    {
        var colon = digest.IndexOf(':');
        return digest.Length > colon + 1 + ShortDigestHexLength ? digest[..(colon + 1 + ShortDigestHexLength)] + "…" : digest;
    }
}
