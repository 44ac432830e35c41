using System.Net;
using Microsoft.Extensions.Logging;
using Orbit.Quota.Images;
using Orbit.Quota.Repositories;
using Orbit.Quota.Storage;
using Orbit.Registry.Client;
using Orbit.Registry.Manifests;
using Orbit.Registry.References;

namespace Orbit.Quota.Events;

/// <summary>
/// Applies the registry's own push and delete events to the accounting, so pushes that never went through a build are
/// counted too, each checked against the registry first: a push is tracked from the manifest its digest names, a delete
/// untracks only what the registry confirms is gone. Idempotent: the same event twice changes nothing the second time.
/// An event that cannot be handled now throws <see cref="RegistryEventDeferredException"/>, so that it is sent again.
/// </summary>
public sealed class RegistryEventHandler(RepositoryOwners owners, UsageStore store, ImageTracker tracker, RegistryClient registry, ILogger<RegistryEventHandler> logger)
{
    public async Task<RegistryEventOutcome> HandleAsync(IReadOnlyList<RegistryEvent> events, CancellationToken cancellationToken)
    {
        var outcome = RegistryEventOutcome.None;
        foreach (var registryEvent in events)
        {
            try
            {
                outcome += registryEvent.Action == RegistryEventAction.Push
                    ? await PushedAsync(registryEvent, cancellationToken)
                    : await DeletedAsync(registryEvent, cancellationToken);
            }
            catch (Exception exception) when (IsPermanent(exception))
            {
                // Sent again, it would fail again, and Distribution retries a failed event for ever, holding back every event behind it.
                logger.LogError(exception, "Registry {Action} event for {Repository} skipped: it can never be applied.", registryEvent.Action, registryEvent.Repository);
                outcome += RegistryEventOutcome.OneIgnored;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw new RegistryEventDeferredException(registryEvent, exception);
            }
        }

        return outcome;
    }

    /// <summary>
    /// A push, tracked from the manifest its digest names. Distribution posts its events one at a time, so every round trip
    /// here delays all the pushes behind this one: the owner and the manifest are read together.
    /// </summary>
    private async Task<RegistryEventOutcome> PushedAsync(RegistryEvent pushed, CancellationToken cancellationToken)
    {
        var owner = owners.FindAsync(pushed.Repository, cancellationToken);
        var image = registry.GetImageAsync(pushed.Repository, pushed.Digest!, cancellationToken);
        try
        {
            await Task.WhenAll(owner, image);
        }
        catch (Exception) when (owner.IsCompletedSuccessfully && owner.Result is null)
        {
            // Nobody owns the repository, so its manifest, readable or not, does not matter.
        }

        if (owner.Result is null)
        {
            return Ignored(pushed);
        }

        if (image.Result is null)
        {
            logger.LogInformation("Registry push event for {Repository}:{Tag} ignored: the registry no longer has {Digest}.", pushed.Repository, pushed.Tag, pushed.Digest);
            return RegistryEventOutcome.OneIgnored;
        }

        try
        {
            var tracked = await tracker.TrackPushAsync(owner.Result, pushed.Repository, pushed.Tag!, image.Result, pushed.Timestamp, cancellationToken);
            return tracked.Unchanged ? RegistryEventOutcome.OneIgnored : RegistryEventOutcome.OneTracked;
        }
        catch (UnknownWorkspaceException)
        {
            return Ignored(pushed);
        }
    }

    /// <summary>A delete, applied only once the registry confirms it: what it names must answer 404.</summary>
    private async Task<RegistryEventOutcome> DeletedAsync(RegistryEvent deleted, CancellationToken cancellationToken)
    {
        var owner = await owners.FindAsync(deleted.Repository, cancellationToken);
        if (owner is null || await store.GetUsageAsync(owner.WorkspaceId, cancellationToken) is null)
        {
            return Ignored(deleted);
        }

        if (await StillInRegistryAsync(deleted, cancellationToken) is { } what)
        {
            logger.LogWarning("Refused the delete event for {Repository}{What}: the registry still has it, so nothing is untracked.", deleted.Repository, what);
            return RegistryEventOutcome.OneRefused;
        }

        return RegistryEventOutcome.None with { Untracked = await UntrackAsync(owner, deleted, cancellationToken) };
    }

    private RegistryEventOutcome Ignored(RegistryEvent registryEvent)
    {
        logger.LogDebug("Registry event for {Repository} ignored: no workspace with a quota owns it.", registryEvent.Repository);
        return RegistryEventOutcome.OneIgnored;
    }

    /// <summary>What of a delete event the registry still has (<c>@digest</c> or <c>:tag</c>), or null when it confirms the deletion (404).</summary>
    private async Task<string?> StillInRegistryAsync(RegistryEvent registryEvent, CancellationToken cancellationToken)
    {
        if (registryEvent.Digest is { } digest)
        {
            return await registry.HeadManifestAsync(registryEvent.Repository, digest, cancellationToken) is null ? null : $"@{digest}";
        }

        return await registry.HeadManifestAsync(registryEvent.Repository, registryEvent.Tag!, cancellationToken) is null ? null : $":{registryEvent.Tag}";
    }

    /// <summary>
    /// Untracks a deletion the registry confirmed: every tag of the repository on the deleted digest (recorded as the
    /// manifest's untrack, which the cleanup that deleted it reports), or the deleted tag.
    /// </summary>
    private async Task<int> UntrackAsync(RepositoryOwner owner, RegistryEvent registryEvent, CancellationToken cancellationToken)
    {
        var untrack = registryEvent.Digest is { } digest
            ? await UntrackManifestAsync(owner, registryEvent.Repository, digest, cancellationToken)
            : await store.UntrackAsync(owner.WorkspaceId, [(registryEvent.Repository, registryEvent.Tag!)], cancellationToken) is { } change
                ? new ManifestUntrack(change.ImagesRemoved.Select(image => image.Tag).ToList(), change.FreedBytes, ByThisCall: true)
                : null;
        if (untrack is not null)
        {
            logger.LogInformation("Registry deleted {Repository} {What}: untracked {Tags}, {Freed} bytes no longer referenced in workspace {Workspace}.",
                registryEvent.Repository, registryEvent.Digest?.Value ?? registryEvent.Tag?.Value, string.Join(", ", untrack.Tags), untrack.FreedBytes, owner.WorkspaceId);
        }

        return untrack?.Tags.Count ?? 0;
    }

    private async Task<ManifestUntrack?> UntrackManifestAsync(RepositoryOwner owner, RepositoryName repository, Digest digest, CancellationToken cancellationToken)
    {
        var tags = (await store.FindByDigestAsync(owner.WorkspaceId, digest, cancellationToken)).Where(record => record.Repository == repository).Select(record => record.Tag).ToList();
        // Only this event's own untrack counts here (never since): an earlier one was logged by whoever made it.
        return (await store.UntrackManifestsAsync(owner.WorkspaceId, [(repository, digest, tags)], untrackedSince: DateTimeOffset.MaxValue, cancellationToken))[0];
    }

    /// <summary>
    /// Failures a second delivery cannot mend: a manifest we cannot account for, the registry refusing the request itself
    /// (a 4xx other than authentication, throttling or a timeout), a workspace deleted meanwhile. Everything else (the
    /// registry or storage unreachable, 5xx, timeouts) is worth the registry's retry.
    /// </summary>
    private static bool IsPermanent(Exception exception) => exception switch
    {
        InvalidManifestException or UnknownWorkspaceException => true,
        RegistryException { Status: var status } => (int)status < 500 && status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests),
        _ => false,
    };
}
