using Orbit.Quota.History;
using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Builds;

/// <summary>A finished cleanup and the lines it adds to the build log.</summary>
public sealed record ReportedCleanup(CleanupSummary Summary, IReadOnlyList<string> BuildLog)
{
    /// <summary>Whether anything was planned for deletion, and so whether the cleanup belongs in the workspace's history.</summary>
    public bool DeletedAnything => Summary.Deletions.Count > 0;

    public CleanupRecord ToRecord(WorkspaceId workspace, string buildId, DateTimeOffset at) => new(
        workspace,
        buildId,
        at,
        Summary.Outcome,
        Summary.QuotaBytes,
        Summary.UsedBytesBefore,
        Summary.FreedBytes,
        Summary.UsedBytesAfter,
        Summary.Deletions.Select(deletion => new RecordedDeletion(deletion.Repository, deletion.Digest, deletion.Tags, deletion.Result, deletion.FreedBytes, deletion.Reason, deletion.Detail)).ToList(),
        BuildLog,
        Summary.WaitedFor,
        Summary.Error);
}
