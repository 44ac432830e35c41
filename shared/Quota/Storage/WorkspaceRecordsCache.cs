using Azure;
using Microsoft.Extensions.Caching.Memory;
using Orbit.Quota.Workspaces;

namespace Orbit.Quota.Storage;

/// <summary>
/// The last read of the records of a few workspaces, for dry runs asked again and again of a workspace that does not
/// change meanwhile (a dashboard page, a preview). A read is handed out only while the workspace row still has the ETag
/// it had when the read began: every change to the partition rewrites that row, so the read is then the records as they
/// are. Bounded by the records held (<see cref="ImageCapacity"/>; a larger workspace is not kept) and by how long a read
/// goes unused, so that the memory goes back once nobody looks.
/// </summary>
internal sealed class WorkspaceRecordsCache
{
    /// <summary>Records held at most, all workspaces together; at about a kilobyte each, tens of megabytes.</summary>
    public const int ImageCapacity = 50_000;

    private static readonly TimeSpan UnusedFor = TimeSpan.FromMinutes(5);

    private readonly MemoryCache reads = new(new MemoryCacheOptions { SizeLimit = ImageCapacity });

    /// <summary>The workspace's last read if the workspace row is still at <paramref name="etag"/>; a stale one is dropped.</summary>
    public WorkspaceRecords? At(WorkspaceId id, ETag etag)
    {
        if (!reads.TryGetValue(id.Value, out WorkspaceRecords? read) || read is null)
        {
            return null;
        }

        if (read.ETag == etag)
        {
            return read;
        }

        reads.Remove(id.Value);
        return null;
    }

    public void Remember(WorkspaceId id, WorkspaceRecords read) =>
        reads.Set(id.Value, read, new MemoryCacheEntryOptions { Size = Math.Max(1, read.Images.Count), SlidingExpiration = UnusedFor });
}
