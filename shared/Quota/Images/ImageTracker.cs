using Microsoft.Extensions.Logging;
using Orbit.Quota.Storage;
using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;
using Orbit.Registry.Client;
using Orbit.Registry.References;

namespace Orbit.Quota.Images;

/// <summary>Tracks an image as the registry has it: resolves the tag to its digest and exact blob set, then records it.</summary>
public sealed class ImageTracker(RegistryClient registry, UsageStore store, TimeProvider time, ILogger<ImageTracker> logger)
{
    public async Task<TrackOutcome> TrackAsync(WorkspaceId workspace, string appId, RepositoryName repository, Tag tag, Digest? expectedDigest, CancellationToken cancellationToken)
    {
        if (await store.GetUsageAsync(workspace, cancellationToken) is null)
        {
            throw new UnknownWorkspaceException(workspace);
        }

        var head = await registry.HeadManifestAsync(repository, tag, cancellationToken) ?? throw new ImageNotInRegistryException(repository, tag);
        if (expectedDigest is not null && expectedDigest != head.Digest)
        {
            throw new TagMovedException(repository, tag, expectedDigest, head.Digest);
        }

        var blobs = await registry.GetImageBlobsAsync(repository, head.Digest, cancellationToken) ?? throw new ImageNotInRegistryException(repository, head.Digest);
        var outcome = await store.TrackAsync(new ImageRecord(workspace, appId, repository, tag, head.Digest, head.MediaType, time.GetUtcNow(), blobs.Blobs), cancellationToken);
        if (!outcome.Unchanged)
        {
            logger.LogInformation("Tracked {Repository}:{Tag} ({Digest}, {Bytes} bytes in {Blobs} blobs) for workspace {Workspace}: usage {Used} bytes.",
                repository, tag, head.Digest, blobs.TotalBytes, blobs.Count, workspace, outcome.Change?.Usage.UsedBytes);
        }

        return outcome;
    }
}
