using Orbit.Quota.Workspaces;

namespace Orbit.Quota.Cleanup;

/// <summary>
/// What a cleanup would delete and why, computed without touching the registry: the pre-build cleanup
/// carries it out, a dry-run preview returns it as it is.
/// </summary>
/// <param name="Policy">The policy the plan was made under (quota and percentages).</param>
/// <param name="UsedBytesBefore">The workspace's usage aggregate when planning.</param>
/// <param name="ProjectedBytesAfter">Usage once every deletion is done: <see cref="UsedBytesBefore"/> minus what they free.</param>
/// <param name="TriggerBytes">Cleanup runs from this usage up (see <see cref="CleanupPlanner.TriggerBytes"/>).</param>
/// <param name="TargetBytes">Cleanup stops once usage is at or below this (see <see cref="CleanupPlanner.TargetBytes"/>).</param>
/// <param name="Deletions">In the order to carry them out: first pass before second, each oldest first.</param>
/// <param name="Kept">Images with a tag old enough to delete that a protection holds, oldest first (see <see cref="KeptImage"/>).</param>
/// <param name="Reason">The outcome in one clause, for logs and API responses.</param>
public sealed record CleanupPlan(
    QuotaPolicy Policy,
    long UsedBytesBefore,
    long ProjectedBytesAfter,
    long TriggerBytes,
    long TargetBytes,
    IReadOnlyList<PlannedDeletion> Deletions,
    IReadOnlyList<KeptImage> Kept,
    CleanupOutcome Outcome,
    string Reason)
{
    public long QuotaBytes => Policy.QuotaBytes;

    public long FreedBytes => UsedBytesBefore - ProjectedBytesAfter;

    /// <summary>False only when deleting everything the policy allows still leaves usage above the target.</summary>
    public bool TargetReachable => Outcome != CleanupOutcome.TargetUnreachable;

    /// <summary>The lines a build prints about this cleanup; see <see cref="CleanupLogLines"/>.</summary>
    public IReadOnlyList<string> BuildLogLines(int maxKeptLines = CleanupLogLines.DefaultMaxKeptLines, bool withDeletions = true) => CleanupLogLines.For(this, maxKeptLines, withDeletions);
}
