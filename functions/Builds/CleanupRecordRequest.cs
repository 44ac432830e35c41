using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Builds;

/// <summary>Input of <see cref="ReadCleanupActivity"/>: the workspace and the build whose cleanup to read, and where it is kept.</summary>
/// <param name="KeptApart">The whole summary is in <see cref="LargeCleanupSummaries"/>, not the workspace's history (<see cref="RecordedCleanup.KeptApart"/>).</param>
public sealed record CleanupRecordRequest(WorkspaceId WorkspaceId, string BuildId, bool KeptApart = false);
