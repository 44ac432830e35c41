namespace Orbit.Functions.Builds;

/// <summary>
/// What the cleanup's inline part did: when that was the whole plan with nothing failed, the cleanup's summary (every
/// outcome in it), already in the workspace's history and with the lease given back; otherwise the outcome of every
/// digest whose batch ran, and the orchestration fans out the digests left and the failed ones.
/// </summary>
public sealed record CarriedOutCleanup(IReadOnlyList<DeletionOutcome> Done, CleanupSummary? Summary);
