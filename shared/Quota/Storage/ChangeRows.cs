using Orbit.Quota.Usage;

namespace Orbit.Quota.Storage;

/// <summary>The row writes a usage change comes to in the workspace's partition, the workspace row aside.</summary>
internal static class ChangeRows
{
    public static List<RowWrite> Of(UsageChange change)
    {
        var id = change.Usage.Id;
        var writes = new List<RowWrite>();
        foreach (var removed in change.ImagesRemoved)
        {
            writes.Add(RowWrite.Delete(UsageRows.PushedKey(removed)));
            if (!change.ImagesWritten.Any(image => image.Repository == removed.Repository && image.Tag == removed.Tag))
            {
                writes.Add(RowWrite.Delete(UsageRows.ImageKey(removed.Repository, removed.Tag)));
            }
        }

        foreach (var image in change.ImagesWritten)
        {
            writes.Add(RowWrite.Replace(UsageRows.Image(image, UsageRows.ImageKey(image.Repository, image.Tag))));
            writes.Add(RowWrite.Replace(UsageRows.Image(image, UsageRows.PushedKey(image))));
        }

        foreach (var (digest, count) in change.BlobCounts)
        {
            writes.Add(count.References > 0 ? RowWrite.Replace(UsageRows.Blob(id, digest, count)) : RowWrite.Delete(UsageRows.BlobKey(digest)));
        }

        writes.AddRange(UsageRows.Untracked(id, change.UntrackedManifests).Select(RowWrite.Replace));

        // A pushed row deleted and written again in one change (same key) must end up written.
        return writes.GroupBy(write => write.RowKey).Select(group => group.Last()).ToList();
    }
}
