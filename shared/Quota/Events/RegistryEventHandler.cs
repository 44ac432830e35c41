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
        int tracked = 0, untracked = 0, ignored = 0, refused = 0;
        foreach (var registryEvent in events)
        {
            try
            {
                var owner = await owners.FindAsync(registryEvent.Repository, cancellationToken);
                if (owner is null || await store.GetUsageAsync(owner.WorkspaceId, cancellationToken) is null)
                {
                    logger.LogDebug("Registry event for {Repository} ignored: no workspace with a quota owns it.", registryEvent.Repository);
                    ignored++;
                }
                else if (registryEvent.Action == RegistryEventAction.Push)
                {
                    var outcome = await tracker.TrackPushAsync(owner, registryEvent.Repository, registryEvent.Tag!, registryEvent.Digest!, registryEvent.Timestamp, cancellationToken);
                    if (outcome is null)
                    {
                        logger.LogInformation("Registry push event for {Repository}:{Tag} ignored: the registry no longer has {Digest}.", registryEvent.Repository, registryEvent.Tag, registryEvent.Digest);
                    }

                    (tracked, ignored) = outcome is { Unchanged: false } ? (tracked + 1, ignored) : (tracked, ignored + 1);
                }
                else if (await StillInRegistryAsync(registryEvent, cancellationToken) is { } what)
                {
                    logger.LogWarning("Refused the delete event for {Repository}{What}: the registry still has it, so nothing is untracked.", registryEvent.Repository, what);
                    refused++;
                }
                else
                {
                    untracked += await UntrackAsync(owner, registryEvent, cancellationToken);
                }
            }
            catch (Exception exception) when (IsPermanent(exception))
            {
                // Sent again, it would fail again, and Distribution retries a failed event for ever, holding back every event behind it.
                logger.LogError(exception, "Registry {Action} event for {Repository} skipped: it can never be applied.", registryEvent.Action, registryEvent.Repository);
                ignored++;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw new RegistryEventDeferredException(registryEvent, exception);
            }
        }

        return new RegistryEventOutcome(tracked, untracked, ignored, refused);
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
