using Microsoft.Extensions.Logging;
using Orbit.Quota.Images;
using Orbit.Quota.Repositories;
using Orbit.Quota.Storage;

namespace Orbit.Quota.Events;

/// <summary>
/// Applies the registry's own push and delete events to the accounting, so pushes that never went
/// through a build are counted too. Idempotent: the same event twice changes nothing the second time.
/// </summary>
public sealed class RegistryEventHandler(RepositoryOwners owners, UsageStore store, ImageTracker tracker, ILogger<RegistryEventHandler> logger)
{
    public async Task<RegistryEventOutcome> HandleAsync(IReadOnlyList<RegistryEvent> events, CancellationToken cancellationToken)
    {
        int tracked = 0, untracked = 0, ignored = 0;
        foreach (var registryEvent in events)
        {
            var owner = await owners.FindAsync(registryEvent.Repository, cancellationToken);
            if (owner is null || await store.GetUsageAsync(owner.WorkspaceId, cancellationToken) is null)
            {
                logger.LogDebug("Registry event for {Repository} ignored: no workspace with a quota owns it.", registryEvent.Repository);
                ignored++;
                continue;
            }

            if (registryEvent.Action == RegistryEventAction.Push)
            {
                try
                {
                    var outcome = await tracker.TrackAsync(owner.WorkspaceId, owner.AppId, registryEvent.Repository, registryEvent.Tag!, null, cancellationToken);
                    tracked += outcome.Unchanged ? 0 : 1;
                }
                catch (ImageNotInRegistryException)
                {
                    // Deleted again before we got to it: its delete event (or the reconcile) settles it.
                    ignored++;
                }

                continue;
            }

            var tags = registryEvent.Tag is { } tag
                ? [(registryEvent.Repository, tag)]
                : (await store.FindByDigestAsync(owner.WorkspaceId, registryEvent.Digest!, cancellationToken))
                    .Where(record => record.Repository == registryEvent.Repository)
                    .Select(record => (record.Repository, record.Tag))
                    .ToList();
            var change = await store.UntrackAsync(owner.WorkspaceId, tags, cancellationToken);
            untracked += change?.ImagesRemoved.Count ?? 0;
            if (change is not null)
            {
                logger.LogInformation("Registry deleted {Repository} {What}: untracked {Tags}, {Freed} bytes no longer referenced in workspace {Workspace}.",
                    registryEvent.Repository, registryEvent.Tag?.Value ?? registryEvent.Digest?.Value, string.Join(", ", change.ImagesRemoved.Select(image => image.Tag)), change.FreedBytes, owner.WorkspaceId);
            }
        }

        return new RegistryEventOutcome(tracked, untracked, ignored);
    }
}
