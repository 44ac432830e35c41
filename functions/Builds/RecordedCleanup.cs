using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Builds;

/// <summary>
/// A cleanup the check carried out whole and kept whole, as the check returns it: what the build's status shows (its
/// totals and the first lines of its log), not every deletion and log line, which would make the check's result one of
/// Durable's large messages (a blob on its way back and another in the history) at a few hundred deletions. The build's
/// output gets the whole summary back after the push (<see cref="ReadCleanupActivity"/>), off the path to
/// <c>ready-to-build</c>: from the workspace's history, or, when the history could not keep it whole
/// (<see cref="KeptApart"/>), from <see cref="LargeCleanupSummaries"/>.
/// </summary>
/// <param name="KeptApart">Whether the whole summary is in <see cref="LargeCleanupSummaries"/> rather than the history (false in the histories of builds checked before there were such summaries).</param>
public sealed record RecordedCleanup(CleanupTotals Totals, IReadOnlyList<string> BuildLog, int BuildLogLines, bool KeptApart = false)
{
    public static RecordedCleanup Of(CleanupSummary summary, bool keptApart = false) =>
        BuildStatus.With(BuildStatus.ReadyToBuild, summary, summary.BuildLog) is { Cleanup: { } totals } shown
            ? new(totals, shown.BuildLog, summary.BuildLog.Count, keptApart)
            : throw new InvalidOperationException("A status made from a cleanup has its totals.");

    /// <summary>Where <see cref="ReadCleanupActivity"/> finds the whole summary of <paramref name="buildId"/>'s cleanup of <paramref name="workspace"/>.</summary>
    public CleanupRecordRequest ReadBack(WorkspaceId workspace, string buildId) => new(workspace, buildId, KeptApart);

    /// <summary>The status in <paramref name="phase"/>, as <see cref="BuildStatus.With"/> makes it from the whole summary.</summary>
    public BuildStatus Status(string phase) => new(phase, Totals, BuildLog, BuildLogLines: BuildLogLines);

    /// <summary>
    /// The summary when the whole cannot be read back (the history keeps a workspace's last cleanups only, and a summary kept
    /// apart is kept for Builds:Timeout and a day): the totals and the lines the status had, and a line saying why the
    /// deletions are not there.
    /// </summary>
    private CleanupSummary Summary(string why) => new(
        Totals.Outcome, Totals.UsedBytesBefore, Totals.FreedBytes, Totals.UsedBytesAfter, Totals.QuotaBytes, [], Totals.WaitedFor, Totals.Error,
        [.. BuildLog, $"The cleanup's record {why}, so its deletions are not in this output."]);

    /// <summary>The summary when the whole is no longer kept, saying where it was looked for.</summary>
    public CleanupSummary NoLongerKept() =>
        Summary(KeptApart ? "is no longer kept (one too large for the history is kept for Builds:Timeout and a day)" : "is no longer in the workspace's history");

    /// <summary>The summary when reading the whole back failed with <paramref name="error"/>.</summary>
    public CleanupSummary NotReadBack(string error) =>
        Summary(KeptApart ? $"could not be read back ({error})" : $"could not be read from the workspace's history ({error})");
}
