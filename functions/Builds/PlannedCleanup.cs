using Orbit.Quota.Cleanup;
using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Builds;

/// <summary>
/// A cleanup plan as the preview returns it and the build orchestration records it. <see cref="PlannedAt"/> is when the
/// read of the records began; <see cref="BuildLog"/> is the plan's own lines, <see cref="KeptLog"/> those on the kept images.
/// <see cref="Kept"/> lists every image kept and why in the preview; a build records only the kept lines, since a plan
/// keeps most of the workspace and every entry would be history to write and replay, and its <see cref="BuildLog"/> has
/// no line per deletion, since the build's log says again what became of each.
/// </summary>
public sealed record PlannedCleanup(
    WorkspaceId WorkspaceId,
    long QuotaBytes,
    int TriggerPercent,
    int TargetPercent,
    long UsedBytesBefore,
    long EstimatedBytes,
    long ProjectedBytesAfter,
    long TriggerBytes,
    long TargetBytes,
    string Outcome,
    string Reason,
    IReadOnlyList<PlannedDigest> Deletions,
    IReadOnlyList<KeptDigest> Kept,
    IReadOnlyList<string> BuildLog,
    IReadOnlyList<string> KeptLog,
    DateTimeOffset PlannedAt)
{
    /// <summary>The deletions as work for the deleter, a repository's together (<see cref="DigestToDelete.ByRepository"/>).</summary>
    public IEnumerable<DigestToDelete> DeletionOrder() => DigestToDelete.ByRepository(Deletions.Select(DigestToDelete.From));

    /// <param name="whole">
    /// The preview's plan; false gives a build's, without the list of kept images and without the log line per deletion (the
    /// build's log says again what became of each): the plan is the check's output, a message and a history row.
    /// </param>
    public static PlannedCleanup From(WorkspaceId workspaceId, CleanupPlan plan, long estimatedBytes, DateTimeOffset plannedAt, bool whole = true) => new(
        workspaceId,
        plan.QuotaBytes,
        plan.Policy.TriggerPercent,
        plan.Policy.TargetPercent,
        plan.UsedBytesBefore,
        estimatedBytes,
        plan.ProjectedBytesAfter,
        plan.TriggerBytes,
        plan.TargetBytes,
        plan.Outcome.ToString(),
        plan.Reason,
        plan.Deletions.Select(PlannedDigest.From).ToList(),
        whole ? plan.Kept.Select(KeptDigest.From).ToList() : [],
        plan.BuildLogLines(withDeletions: whole),
        CleanupLogLines.KeptLines(plan),
        plannedAt);
}
