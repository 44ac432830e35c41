using Orbit.Quota.Workspaces;

namespace Orbit.Quota.History;

/// <summary>
/// A cleanup as it happened, kept in the workspace's cleanup history: the build that ran it, when, usage before and
/// after, each deletion with its reason, and the build log it produced. <see cref="PlannedAt"/>: when the plan's read began
/// (absent from records written before it was kept), so the cleanup's duration is <see cref="At"/> less it.
/// </summary>
public sealed record CleanupRecord(
    WorkspaceId WorkspaceId,
    string BuildId,
    DateTimeOffset At,
    string Outcome,
    long QuotaBytes,
    long UsedBytesBefore,
    long FreedBytes,
    long UsedBytesAfter,
    IReadOnlyList<RecordedDeletion> Deletions,
    IReadOnlyList<string> BuildLog,
    string? WaitedFor,
    string? Error,
    DateTimeOffset? PlannedAt = null)
{
    /// <summary>Deletions a record keeps at most; beyond them it keeps the counts (and the build log says it all).</summary>
    public const int MaxDeletions = 1000;

    /// <summary>Build-log lines a record keeps at most.</summary>
    public const int MaxLogLines = 1100;

    /// <summary>Whether the record has no more deletions and log lines than a record keeps, so <see cref="Bounded"/> cuts nothing.</summary>
    public bool IsWithinBounds() => Deletions.Count <= MaxDeletions && BuildLog.Count <= MaxLogLines;

    public CleanupRecord Bounded() => IsWithinBounds() ? this : this with
    {
        Deletions = Deletions.Count > MaxDeletions ? [.. Deletions.Take(MaxDeletions)] : Deletions,
        BuildLog = BuildLog.Count > MaxLogLines ? [.. BuildLog.Take(MaxLogLines), $"... and {BuildLog.Count - MaxLogLines} more lines."] : BuildLog,
    };
}
