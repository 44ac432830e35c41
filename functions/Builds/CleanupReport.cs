using Orbit.Quota.Cleanup;

namespace Orbit.Functions.Builds;

/// <summary>
/// Turns a plan and what became of its deletions into the <see cref="CleanupSummary"/> and its build-log lines, and
/// reports a cleanup's progress while its batches finish. Pure: the orchestrator calls it on replay too.
/// </summary>
public static class CleanupReport
{
    private const string FailOpenNote = "Building anyway: quota checks fail open (set Builds:FailClosed to stop builds instead).";
    private const string FailClosedNote = "Not building: Builds:FailClosed is set.";

    /// <summary>
    /// One truth: the bytes freed are what the deletions really freed (whoever untracked each digest first), usage before is
    /// what the workspace used when planned (a build's estimate is not usage), usage after is that minus the bytes freed,
    /// and the log's summary and deletion lines say the same numbers. A failed deletion's line says what the build does
    /// about it, by <paramref name="failClosed"/> (Builds:FailClosed).
    /// </summary>
    public static CleanupSummary Summarize(PlannedCleanup plan, IReadOnlyList<DeletionOutcome> outcomes, string? waitedFor, bool failClosed)
    {
        var freed = outcomes.Sum(o => o.FreedBytes);
        var usedBefore = plan.UsedBytesBefore - plan.EstimatedBytes;
        var lines = new List<string>();
        if (waitedFor is not null)
        {
            lines.Add($"Waited for build {waitedFor} to finish cleaning up this workspace, then checked usage again.");
        }

        if (plan.EstimatedBytes > 0)
        {
            lines.Add($"Planned with {ByteSize.Format(plan.EstimatedBytes)} estimated for this build's image counted as used.");
        }

        if (outcomes.Count == 0)
        {
            lines.AddRange(plan.BuildLog);
        }
        else
        {
            var unreachable = plan.Outcome == nameof(CleanupOutcome.TargetUnreachable) ? plan.Reason : null;
            lines.Add(CleanupLogLines.CarriedOut(usedBefore, freed, plan.QuotaBytes, plan.TargetPercent, outcomes.Count(o => o.Removed), outcomes.Count, unreachable));
            foreach (var outcome in outcomes)
            {
                lines.Add(outcome.Result switch
                {
                    DeletionOutcome.Failed => $"could not delete {Described(outcome)}",
                    _ when !outcome.Removed => $"kept {Described(outcome)}",
                    _ => CleanupLogLines.Deleted(outcome.Repository.Value, outcome.Tags.Select(tag => tag.Value).ToList(), outcome.Digest.Value, outcome.FreedBytes, outcome.Reason),
                });
            }

            lines.AddRange(plan.KeptLog);
        }

        var failed = outcomes.Count(o => o.Result == DeletionOutcome.Failed);
        if (failed > 0)
        {
            lines.Add($"{failed} of {outcomes.Count} deletions failed. {FailureNote(failClosed)}");
        }

        return new CleanupSummary(plan.Outcome, usedBefore, freed, usedBefore - freed, plan.QuotaBytes, outcomes, waitedFor,
            failed > 0 ? FailedDeletions(outcomes, failed) : null, lines);
    }

    /// <summary>What failed, for the instance's failure with Builds:FailClosed: which images and why, the first three.</summary>
    private static string FailedDeletions(IReadOnlyList<DeletionOutcome> outcomes, int failed)
    {
        var first = outcomes.Where(o => o.Result == DeletionOutcome.Failed).Take(3).Select(Described);
        return $"{failed} of {outcomes.Count} deletions failed: {string.Join("; ", first)}{(failed > 3 ? "; …" : "")}";
    }

    /// <summary>An image not deleted and why, as the log and the failure reason name it: <c>repo:tag (sha256:…): detail</c>.</summary>
    private static string Described(DeletionOutcome outcome) =>
        $"{CleanupLogLines.TagList(outcome.Repository.Value, outcome.Tags.Select(tag => tag.Value))} ({CleanupLogLines.ShortDigest(outcome.Digest.Value)}): {outcome.Detail}";

    /// <summary>
    /// The status while the deletions run: the count of images done and the bytes freed so far, updated as each batch
    /// finishes, and one line on what is under way. The plan's full lines come with ready-to-build; every episode of the
    /// fan-in rewrites the instance's status and every poll reads it, so a line per planned deletion here would make
    /// each of them cost in proportion to the plan.
    /// </summary>
    public static BuildStatus InProgress(PlannedCleanup plan, int batches, IReadOnlyCollection<DeletionOutcome> finished, int batchesFinished)
    {
        var freeing = plan.Deletions.Sum(deletion => deletion.FreedBytes);
        var images = plan.Deletions.Count == 1 ? "1 image" : $"{plan.Deletions.Count} images";
        var progress = CleanupProgress.Of(plan.Deletions.Count, finished, batches, batchesFinished);
        string[] log =
        [
            $"Cleaning up: deleting {images} in {(batches == 1 ? "1 batch" : $"{batches} batches")} to free {ByteSize.Format(freeing)}; " +
            $"usage {UsagePercent.Format(plan.UsedBytesBefore, plan.QuotaBytes)} -> {UsagePercent.Format(plan.UsedBytesBefore - freeing, plan.QuotaBytes)} " +
            $"of {ByteSize.Format(plan.QuotaBytes)} when done (target {plan.TargetPercent}%).",
            $"Deleted {SoFar(progress)}",
        ];
        return new BuildStatus(BuildStatus.CleaningUp, null, log, progress);
    }

    /// <summary>
    /// The status of a cleanup the quota check is carrying out itself, from the progress it wrote beside its kept plan: the
    /// orchestration's own status says checking-quota until the check returns.
    /// </summary>
    public static BuildStatus InCheck(BuildStatus checking, CleanupProgress progress) => checking with
    {
        Phase = BuildStatus.CleaningUp,
        Progress = progress,
        BuildLog =
        [
            .. checking.BuildLog,
            $"Cleaning up in the quota check: deleted {SoFar(progress)}",
        ],
    };

    /// <summary>The progress as both statuses word it after "deleted": <c>20 of 45 so far (1 of 3 batches done), 180.2 KiB freed.</c></summary>
    private static string SoFar(CleanupProgress progress) =>
        $"{progress.Deleted} of {progress.Planned} so far ({progress.BatchesFinished} of {progress.Batches} batches done), {ByteSize.Format(progress.FreedBytes)} freed.";

    /// <summary>The summary with a last line saying its history could not be written: that does not undo the cleanup.</summary>
    public static CleanupSummary HistoryNotWritten(CleanupSummary summary, string error) =>
        summary with { BuildLog = [.. summary.BuildLog, $"The cleanup history could not be written: {error}"] };

    /// <summary>The summary when the quota check itself failed: the build goes ahead, unless <paramref name="failClosed"/>.</summary>
    public static CleanupSummary CheckFailed(string error, string? waitedFor, bool failClosed) =>
        new(CleanupSummary.FailedOutcome, 0, 0, 0, 0, [], waitedFor, error, [$"Quota check failed: {error}. {FailureNote(failClosed)}"]);

    private static string FailureNote(bool failClosed) => failClosed ? FailClosedNote : FailOpenNote;
}
