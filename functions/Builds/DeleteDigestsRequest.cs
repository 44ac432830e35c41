using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Builds;

/// <summary>
/// Input of the delete activity: one batch of a plan's deletions in one workspace, and when the plan's read began (an
/// untrack of a planned digest since then is the cleanup's).
/// </summary>
public sealed record DeleteDigestsRequest(WorkspaceId WorkspaceId, IReadOnlyList<DigestToDelete> Digests, DateTimeOffset PlannedAt);
