namespace Orbit.Functions.Builds;

/// <summary>Settings of the build orchestration (section <c>Builds</c>).</summary>
public sealed class BuildOptions
{
    public const string SectionName = "Builds";

    /// <summary>How long a build may take to report <c>ImagePushed</c> or <c>BuildFailed</c> before the instance fails.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// When the quota check or its cleanup fails (registry down), the build proceeds and its log says so;
    /// true makes such a failure fail the build instead.
    /// </summary>
    public bool FailClosed { get; set; }

    /// <summary>How long a build's hold on its workspace's cleanup lasts if it never lets go (a safety net: builds release it).</summary>
    public TimeSpan CleanupLeaseDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often a build waiting for another build's cleanup in its workspace looks again.</summary>
    public TimeSpan CleanupLeaseRetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Planned deletions per work item of the cleanup's fan-out. Each work item reads its records and commits
    /// its untracks once, so larger batches cost fewer storage round trips; more batches spread over more instances.
    /// </summary>
    public int DeletionBatchSize { get; set; } = 20;

    /// <summary>
    /// Planned deletions per batch of the cleanup's inline part (<see cref="InlineBatches"/>): each batch reads its records,
    /// sends its DELETEs and commits its untracks. Smaller than the fan-out's: a batch's DELETEs wait for its records and its
    /// untracks for its DELETEs, so smaller batches keep the DELETE slots fuller at the start and the end. 10 against 20:
    /// 0.80x and 0.76x of the raw loop against 0.78x and 0.65x for a cleanup of 540 digests, level at 2,160 (0.82x),
    /// where the storage requests it doubles weigh more (docs/benchmarks.md, runs BH, BI and BJ).
    /// </summary>
    public int InlineBatchSize { get; set; } = 10;

    /// <summary>
    /// Registry DELETEs one instance has in flight at once, over all the work items it runs, first come, first
    /// served: a work item's DELETEs queue together, so the fan-out's batches finish one after another.
    /// </summary>
    public int DeletionParallelism { get; set; } = 16;

    /// <summary>
    /// How long the quota check that made a cleanup's plan may go on deleting its digests itself before it hands the rest
    /// to the fan-out: no batch starts after it. A cleanup that fits (most of them) is done when the check returns, with no
    /// queue hand-over for its batches or its history; a longer one shows its progress batch by batch and spreads over the
    /// instances. Zero fans every batch out. Five seconds is a few thousand digests at a registry's pace: the fan-out's
    /// hand-overs (the work items, their fan-in, the history and the lease's release as activities of their own) took
    /// 0.3-0.5 s of a cleanup of 2,160 digests that did not fit two seconds (docs/benchmarks.md, run AW).
    /// </summary>
    public TimeSpan InlineCleanupBudget { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Blob container where a check keeps the plan it carries out (one blob per workspace), so that an attempt run again
    /// resumes it; and, under <c>summaries/</c>, the whole summary of a cleanup too large for the history until its build
    /// reads it back (<see cref="LargeCleanupSummaries"/>).
    /// </summary>
    public string CleanupPlanContainer { get; set; } = "cleanup-plans";

    /// <summary>
    /// How often a cleanup carried out in the check writes its progress beside its kept plan, for <c>GET /api/builds/{id}</c>
    /// (the orchestration's status cannot change while the check runs). At most one write in flight, never waited for
    /// by the deletions; zero writes after every batch.
    /// </summary>
    public TimeSpan InlineProgressInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Attempts per activity (delete, track) before its failure counts.</summary>
    public int ActivityAttempts { get; set; } = 3;
}
