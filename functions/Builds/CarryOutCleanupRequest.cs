using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Builds;

/// <summary>
/// Input of the cleanup's inline part: the plan the quota check made under the lease <paramref name="BuildId"/> holds, the
/// build it waited for first (for the log), and how long the instance may delete before handing the rest to the fan-out.
/// </summary>
public sealed record CarryOutCleanupRequest(WorkspaceId WorkspaceId, string BuildId, PlannedCleanup Plan, string? WaitedFor, TimeSpan Budget);
