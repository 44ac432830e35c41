using System.Collections.Concurrent;
using Azure;
using Orbit.Quota.Workspaces;

namespace Orbit.Quota.Storage;

/// <summary>
/// The last known snapshot of a few workspaces, so that a cleanup's deletions, run in the process that planned it, do not
/// read again the rows the plan read: the snapshot is used only while the workspace row's ETag says nothing else changed.
/// </summary>
internal sealed class WorkspaceSnapshots
{
    // Snapshots are kept for cleanups, which touch few workspaces at a time. A record with its blob list is of the order
    // of a kilobyte, so this bounds what they hold to tens of megabytes.
    private const int ImageCapacity = 20_000;
    private readonly ConcurrentDictionary<string, WorkspaceSnapshot> snapshots = new(StringComparer.Ordinal);

    /// <summary>Whether a snapshot of the workspace is kept, current or not: without one, reading the workspace row to check it is wasted.</summary>
    public bool Holds(WorkspaceId id) => snapshots.ContainsKey(id.Value);

    /// <summary>The snapshot of the workspace this process knows last, current or not: what a write over its ETag may guess from.</summary>
    public WorkspaceSnapshot? Latest(WorkspaceId id) => snapshots.GetValueOrDefault(id.Value);

    /// <summary>
    /// The snapshot of the workspace if it is current at <paramref name="etag"/>. One that is not is kept: a row read that
    /// raced this process's own commit finds an ETag older than the snapshot's, and only the writer's turn, which no
    /// commit of this process races, can tell a stale snapshot (<see cref="Forget(WorkspaceId, WorkspaceSnapshot)"/>).
    /// </summary>
    public WorkspaceSnapshot? At(WorkspaceId id, ETag etag) =>
        snapshots.TryGetValue(id.Value, out var snapshot) && snapshot.ETag == etag ? snapshot : null;

    /// <summary>Keeps <paramref name="snapshot"/>, dropping other workspaces' snapshots while all of them would hold too many images.</summary>
    public void Remember(WorkspaceId id, WorkspaceSnapshot snapshot)
    {
        while (snapshots.Where(entry => entry.Key != id.Value).Sum(entry => entry.Value.ImageCount) + snapshot.ImageCount > ImageCapacity
            && snapshots.Keys.FirstOrDefault(key => key != id.Value) is { } evicted)
        {
            snapshots.TryRemove(evicted, out _);
        }

        snapshots[id.Value] = snapshot;
    }

    public void Forget(WorkspaceId id) => snapshots.TryRemove(id.Value, out _);

    /// <summary>Drops <paramref name="stale"/>, found stale, unless a newer snapshot has replaced it since.</summary>
    public void Forget(WorkspaceId id, WorkspaceSnapshot stale) => snapshots.TryRemove(KeyValuePair.Create(id.Value, stale));
}
