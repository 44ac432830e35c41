namespace Orbit.Quota.History;

/// <summary>
/// A cleanup in one line, as a list of a workspace's cleanups shows it without reading each record whole: the build, when,
/// usage before and after, and how many deletions ended how (<see cref="Results"/>: result, count).
/// </summary>
public sealed record CleanupRecordSummary(
    string BuildId,
    DateTimeOffset At,
    string Outcome,
    long QuotaBytes,
    long UsedBytesBefore,
    long FreedBytes,
    long UsedBytesAfter,
    IReadOnlyDictionary<string, int> Results,
    string? WaitedFor,
    string? Error)
{
    public int Deletions => Results.Values.Sum();

    public static CleanupRecordSummary Of(CleanupRecord record) => new(
        record.BuildId,
        record.At,
        record.Outcome,
        record.QuotaBytes,
        record.UsedBytesBefore,
        record.FreedBytes,
        record.UsedBytesAfter,
        record.Deletions.GroupBy(deletion => deletion.Result, StringComparer.Ordinal).OrderBy(group => group.Key, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal),
        record.WaitedFor,
        record.Error);
}
