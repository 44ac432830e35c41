namespace Orbit.Functions.Builds;

/// <summary>
/// What the cleanup's inline part did. When that was the whole plan with nothing failed, the cleanup is in the
/// workspace's history and the lease given back, and it comes as <see cref="Recorded"/> (what the status shows; the
/// history, or <see cref="LargeCleanupSummaries"/> for one too large for it, kept it whole) or, when neither could, as
/// the whole <see cref="Summary"/> (every outcome in it). Otherwise <see cref="Done"/> has the outcome of every digest
/// whose batch ran, and the orchestration fans out the digests left and the failed ones.
/// </summary>
public sealed record CarriedOutCleanup(IReadOnlyList<DeletionOutcome> Done, CleanupSummary? Summary, RecordedCleanup? Recorded = null)
{
    /// <summary>Whether the inline part did the whole plan (so there is nothing to fan out).</summary>
    public bool Finished => Summary is not null || Recorded is not null;
}
