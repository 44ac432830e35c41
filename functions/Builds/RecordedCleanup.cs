namespace Orbit.Functions.Builds;

/// <summary>
/// A cleanup the check carried out whole and kept whole in the workspace's history, as the check returns it: what the
/// build's status shows (its totals and the first lines of its log), not every deletion and log line, which would make
/// the check's result one of Durable's large messages (a blob on its way back and another in the history) at a few
/// hundred deletions. The build's output gets the whole summary back from the history after the push
/// (<see cref="ReadCleanupActivity"/>), off the path to <c>ready-to-build</c>.
/// </summary>
public sealed record RecordedCleanup(CleanupTotals Totals, IReadOnlyList<string> BuildLog, int BuildLogLines)
{
    public static RecordedCleanup Of(CleanupSummary summary) =>
        BuildStatus.With(BuildStatus.ReadyToBuild, summary, summary.BuildLog) is { Cleanup: { } totals } shown
            ? new(totals, shown.BuildLog, summary.BuildLog.Count)
            : throw new InvalidOperationException("A status made from a cleanup has its totals.");

    /// <summary>The status in <paramref name="phase"/>, as <see cref="BuildStatus.With"/> makes it from the whole summary.</summary>
    public BuildStatus Status(string phase) => new(phase, Totals, BuildLog, BuildLogLines: BuildLogLines);

    /// <summary>
    /// The summary when the record cannot be read back (the history keeps a workspace's last cleanups only): the totals and
    /// the lines the status had, and a line saying why the deletions are not there.
    /// </summary>
    public CleanupSummary Summary(string why) => new(
        Totals.Outcome, Totals.UsedBytesBefore, Totals.FreedBytes, Totals.UsedBytesAfter, Totals.QuotaBytes, [], Totals.WaitedFor, Totals.Error,
        [.. BuildLog, $"The cleanup's record {why}, so its deletions are not in this output."]);
}
