namespace Orbit.Quota.Cleanup;

/// <summary>
/// The lines a build prints about its pre-build cleanup: a summary first (what was freed, usage before and
/// after), then one line per deletion, so anyone missing a tag finds it in the log with the reason, then the
/// old images kept for a reason, capped so a workspace with thousands of them does not drown the build log.
/// </summary>
public static class CleanupLogLines
{
    public const int DefaultMaxKeptLines = 20;

    // Enough of a digest to find it in the registry's UI, as `docker images` shortens ids.
    private const int ShortDigestHexLength = 12;

    public static IReadOnlyList<string> For(CleanupPlan plan, int maxKeptLines = DefaultMaxKeptLines)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var lines = new List<string> { Summary(plan) };
        foreach (var deletion in plan.Deletions)
        {
            lines.Add($"deleted {TagList(deletion.Repository.Value, deletion.Tags.Select(tag => tag.Value))} ({ShortDigest(deletion.Digest.Value)}, {ByteSize.Format(deletion.FreedBytes)} freed): {deletion.Reason}");
        }

        foreach (var kept in plan.Kept.Take(Math.Max(0, maxKeptLines)))
        {
            lines.Add($"kept {TagList(kept.Repository.Value, kept.Tags.Select(tag => tag.Value))} ({ShortDigest(kept.Digest.Value)}): {kept.Explanation}");
        }

        if (plan.Kept.Count > maxKeptLines)
        {
            lines.Add($"kept {plan.Kept.Count - Math.Max(0, maxKeptLines)} more old images for the same kinds of reasons (the plan lists them all).");
        }

        return lines;
    }

    private static string Summary(CleanupPlan plan)
    {
        var quota = ByteSize.Format(plan.QuotaBytes);
        var before = UsagePercent.Format(plan.UsedBytesBefore, plan.QuotaBytes);
        var after = UsagePercent.Format(plan.ProjectedBytesAfter, plan.QuotaBytes);
        var target = plan.Policy.TargetPercent;
        var deleted = plan.Deletions.Count == 1 ? "1 image" : $"{plan.Deletions.Count} images";
        return (plan.Outcome, plan.Deletions.Count) switch
        {
            (CleanupOutcome.BelowTrigger, _) => $"Usage {before} of {quota}, below the {plan.Policy.TriggerPercent}% cleanup trigger: nothing deleted.",
            (CleanupOutcome.TargetReached, 0) => $"Usage {before} of {quota}, already at or below the {target}% target: nothing deleted.",
            (CleanupOutcome.TargetReached, _) => $"Freed {ByteSize.Format(plan.FreedBytes)}: deleted {deleted}; usage {before} -> {after} of {quota} (target {target}%).",
            (_, 0) => $"Usage {before} of {quota}, above the {plan.Policy.TriggerPercent}% cleanup trigger, but nothing could be deleted; {plan.Reason}.",
            _ => $"Freed {ByteSize.Format(plan.FreedBytes)}: deleted {deleted}; usage {before} -> {after} of {quota}; {plan.Reason}.",
        };
    }

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
