using Azure.Data.Tables;
using Orbit.Quota.Workspaces;

namespace Orbit.Quota.Storage;

/// <summary>
/// The workspace row as one read found it (<see cref="UsageStore.ReadWorkspaceAsync"/>): its usage, and the row a read of
/// the workspace's records may begin from (<see cref="UsageStore.ReadRecordsAsync(WorkspaceRowRead, CancellationToken)"/>),
/// so that a check that found a cleanup due does not read the row again to plan it.
/// </summary>
public sealed record WorkspaceRowRead(WorkspaceUsage Usage)
{
    internal TableEntity Row { get; init; } = null!;
}
