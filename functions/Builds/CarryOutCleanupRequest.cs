using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Builds;

/// <summary>
/// Input of the cleanup's inline part: the plan the quota check made under the lease <paramref name="BuildId"/> holds, the
/// build it waited for first (for the log), and how long the instance may delete before handing the rest to the fan-out.
/// The plan comes as its <paramref name="Digests"/>, in the plan's order, and its <paramref name="Header"/> (the plan
/// without its deletions and its lines on them): the whole plan is in the history already, and each copy of a message
/// that size is more blobs and table rows to write before any DELETE.
/// </summary>
public sealed record CarryOutCleanupRequest(WorkspaceId WorkspaceId, string BuildId, PlannedCleanup Header, IReadOnlyList<DigestToDelete> Digests, string? WaitedFor, TimeSpan Budget)
{
    public static CarryOutCleanupRequest For(WorkspaceId workspace, string buildId, PlannedCleanup plan, string? waitedFor, TimeSpan budget) =>
        new(workspace, buildId, plan with { Deletions = [], BuildLog = [], Kept = [] }, plan.Deletions.Select(DigestToDelete.From).ToList(), waitedFor, budget);
}
