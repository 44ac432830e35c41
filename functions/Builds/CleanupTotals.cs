namespace Orbit.Functions.Builds;

/// <summary>
/// A cleanup in the build's status: outcome, usage before and after, and counts. The status is small by rule (Durable
/// Functions refuses a custom status over 16 KB), so each deletion is in the output and the cleanup history, not here.
/// </summary>
public sealed record CleanupTotals(
    string Outcome, long UsedBytesBefore, long FreedBytes, long UsedBytesAfter, long QuotaBytes, int Planned, int Deleted, int Failed, string? WaitedFor, string? Error)
{
    public static CleanupTotals Of(CleanupSummary summary) => new(
        summary.Outcome,
        summary.UsedBytesBefore,
        summary.FreedBytes,
        summary.UsedBytesAfter,
        summary.QuotaBytes,
        summary.Deletions.Count,
        summary.Deletions.Count(deletion => deletion.Removed),
        summary.Deletions.Count(deletion => deletion.Result == DeletionOutcome.Failed),
        summary.WaitedFor,
        summary.Error);
}
