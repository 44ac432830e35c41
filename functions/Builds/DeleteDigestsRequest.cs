namespace Orbit.Functions.Builds;

/// <summary>
/// Input of the delete activity: one batch of a plan's deletions in one workspace, and when the plan's read began (an
/// untrack of a planned digest since then is the cleanup's; absent in work items queued before it was carried).
/// </summary>
public sealed record DeleteDigestsRequest(string WorkspaceId, IReadOnlyList<DigestToDelete> Digests, DateTimeOffset? PlannedAt = null);
