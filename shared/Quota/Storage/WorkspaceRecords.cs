using Azure;
using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;

namespace Orbit.Quota.Storage;

/// <summary>A workspace's usage and image records as one read found them (<see cref="UsageStore.ReadRecordsAsync(WorkspaceId, CancellationToken)"/>).</summary>
public sealed record WorkspaceRecords(WorkspaceUsage Usage, IReadOnlyList<ImageRecord> Images)
{
    /// <summary>The workspace row's ETag when the read began: while the row keeps it, these are the workspace's records.</summary>
    internal ETag ETag { get; init; }
}
