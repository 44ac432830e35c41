using Orbit.Quota.Cleanup;
using Orbit.Quota.History;
using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Dashboard;

/// <summary>
/// What a workspace's page shows: its usage, a page of its images, the dry-run plan, its newest cleanups in a line each,
/// and the newest one whole.
/// </summary>
public sealed record WorkspaceView(WorkspaceUsage Usage, ImagePage Images, CleanupPlan Preview, IReadOnlyList<CleanupRecordSummary> Cleanups, CleanupRecord? Newest, int CleanupsKept);
