using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Builds;

/// <summary>Input of the cleanup-lease activities: the workspace and the build (instance id) holding it.</summary>
public sealed record CleanupLeaseRequest(WorkspaceId WorkspaceId, string Holder);
