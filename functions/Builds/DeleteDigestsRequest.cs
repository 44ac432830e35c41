using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Builds;

/// <summary>Input of the delete activity: one batch of a plan's deletions in one workspace.</summary>
public sealed record DeleteDigestsRequest(WorkspaceId WorkspaceId, IReadOnlyList<DigestToDelete> Digests);
