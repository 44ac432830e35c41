using Microsoft.Extensions.Logging;
using Orbit.Quota.Repositories;
using Orbit.Quota.Storage;
using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;
using Orbit.Registry.Client;
using Orbit.Registry.References;

namespace Orbit.Quota.Images;

/// <summary>
/// Tracks an image as the registry has it: its digest, media type and exact blob set, read from the registry, never
/// taken from the caller. A track resolves the tag as it is now; a registry event is tracked from its own digest.
/// </summary>
public sealed class ImageTracker(RegistryClient registry, UsageStore store, RepositoryOwners owners, TimeProvider time, ILogger<ImageTracker> logger)
{
    /// <summary>
    /// A track (the build system, a build, the reconcile): the tag as the registry resolves it now, pushed now if it is new.
    /// Only into the workspace that owns the repository, under its app (<see cref="OwnershipRules.CheckTrack"/>).
    /// </summary>
    public async Task<TrackOutcome> TrackAsync(WorkspaceId workspace, string appId, RepositoryName repository, Tag tag, Digest? expectedDigest, CancellationToken cancellationToken)
    {
        if (await store.GetUsageAsync(workspace, cancellationToken) is null)
        {
            throw new UnknownWorkspaceException(workspace);
        }

        await owners.RequireTrackableAsync(workspace, appId, repository, cancellationToken);

        var head = await registry.HeadManifestAsync(repository, tag, cancellationToken) ?? throw new ImageNotInRegistryException(repository, tag);
        if (expectedDigest is not null && expectedDigest != head.Digest)
        {
            throw new TagMovedException(repository, tag, expectedDigest, head.Digest);
        }

        var image = await registry.GetImageAsync(repository, head.Digest, cancellationToken) ?? throw new ImageNotInRegistryException(repository, head.Digest);
        return await RecordAsync(new ImageRecord(workspace, appId, repository, tag, image.Digest, image.MediaType, time.GetUtcNow(), image.Blobs.Blobs), fromEvent: false, cancellationToken);
    }

    /// <summary>
    /// A push the registry reported, tracked from the event's own target: <paramref name="image"/> is the manifest its digest
    /// names, as the registry has it, so it does not matter that Distribution sends the event a few milliseconds before it
    /// links the tag. Pushed at the event's time.
    /// </summary>
    public async Task<TrackOutcome> TrackPushAsync(RepositoryOwner owner, RepositoryName repository, Tag tag, RegistryImage image, DateTimeOffset? pushedAt, CancellationToken cancellationToken)
    {
        var record = new ImageRecord(owner.WorkspaceId, owner.AppId, repository, tag, image.Digest, image.MediaType, PushOrder.FromEvent(pushedAt, time.GetUtcNow()), image.Blobs.Blobs);
        var outcome = await RecordAsync(record, fromEvent: true, cancellationToken);
        if (outcome.Decision == TrackDecision.Stale)
        {
            logger.LogInformation("Registry event for {Repository}:{Tag} ({Digest}, pushed {PushedAt:O}) ignored: the tag's push of {Tracked:O} ({TrackedDigest}) is newer.",
                repository, tag, image.Digest, record.PushedAt, outcome.Image.PushedAt, outcome.Image.Digest);
        }

        return outcome;
    }

    private async Task<TrackOutcome> RecordAsync(ImageRecord record, bool fromEvent, CancellationToken cancellationToken)
    {
        var outcome = await store.TrackAsync(record, fromEvent, cancellationToken);
        if (!outcome.Unchanged)
        {
            logger.LogInformation("Tracked {Repository}:{Tag} ({Digest}, {Bytes} bytes in {Blobs} blobs, pushed {PushedAt:O}) for workspace {Workspace}: usage {Used} bytes.",
                record.Repository, record.Tag, record.Digest, record.Blobs.Values.Sum(), record.Blobs.Count, record.PushedAt, record.WorkspaceId, outcome.Change?.Usage.UsedBytes);
        }

        return outcome;
    }
}
