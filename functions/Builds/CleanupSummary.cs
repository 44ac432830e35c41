using Orbit.Quota.History;
using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Builds;

/// <summary>
/// The pre-build cleanup as it happened: the plan's outcome (BelowTrigger, TargetReached, TargetUnreachable,
/// or Failed when the check itself failed), the workspace's usage when planned (without the build's estimate), the bytes
/// its deletions freed and the usage that leaves, what each planned deletion became, and the ready-made lines for the
/// build log, which say the same numbers. This is the build's output; its status carries only the totals
/// (<see cref="CleanupTotals"/>) and the log once, beside them.
/// </summary>
public sealed record CleanupSummary(
    string Outcome,
    long UsedBytesBefore,
    long FreedBytes,
    long UsedBytesAfter,
    long QuotaBytes,
    IReadOnlyList<DeletionOutcome> Deletions,
    string? WaitedFor,
    string? Error,
    IReadOnlyList<string> BuildLog)
{
    public const string FailedOutcome = "Failed";

    public bool Failed => Error is not null || Deletions.Any(d => d.Result == DeletionOutcome.Failed);

    /// <summary>Whether anything was planned for deletion, and so whether the cleanup belongs in the workspace's history.</summary>
    public bool DeletedAnything => Deletions.Count > 0;

    /// <summary>The summary a record in the cleanup history was made from (<see cref="ToRecord"/>).</summary>
    public static CleanupSummary From(CleanupRecord record) => new(
        record.Outcome,
        record.UsedBytesBefore,
        record.FreedBytes,
        record.UsedBytesAfter,
        record.QuotaBytes,
        record.Deletions.Select(deletion => new DeletionOutcome(deletion.Repository, deletion.Digest, deletion.Tags, deletion.Result, deletion.FreedBytes, deletion.Detail, deletion.Reason)).ToList(),
        record.WaitedFor,
        record.Error,
        record.BuildLog);

    public CleanupRecord ToRecord(WorkspaceId workspace, string buildId, DateTimeOffset plannedAt, DateTimeOffset at) => new(
        workspace,
        buildId,
        at,
        Outcome,
        QuotaBytes,
        UsedBytesBefore,
        FreedBytes,
        UsedBytesAfter,
        Deletions.Select(deletion => new RecordedDeletion(deletion.Repository, deletion.Digest, deletion.Tags, deletion.Result, deletion.FreedBytes, deletion.Reason, deletion.Detail)).ToList(),
        BuildLog,
        WaitedFor,
        Error,
        plannedAt);
}
