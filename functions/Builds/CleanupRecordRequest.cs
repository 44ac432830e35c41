using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Builds;

/// <summary>Input of <see cref="ReadCleanupActivity"/>: the workspace and the build whose cleanup record to read.</summary>
public sealed record CleanupRecordRequest(WorkspaceId WorkspaceId, string BuildId);
