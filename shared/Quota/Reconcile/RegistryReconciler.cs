using Microsoft.Extensions.Logging;
using Orbit.Quota.Images;
using Orbit.Quota.Repositories;
using Orbit.Quota.Storage;
using Orbit.Quota.Workspaces;
using Orbit.Registry.Client;

namespace Orbit.Quota.Reconcile;

/// <summary>
/// Walks every repository the registry lists that a workspace owns and makes the accounting match the
/// registry in both directions: tags with no record, or whose digest moved, are tracked; records whose
/// tag is gone are untracked. Each fix is logged with its reason.
/// </summary>
public sealed class RegistryReconciler(RegistryClient registry, RepositoryOwners owners, UsageStore store, ImageTracker tracker, TimeProvider time, ILogger<RegistryReconciler> logger)
{
    private const int PageSize = 100;

    // Manifest untracks are recorded for the cleanup that deleted the manifest, which reads them within minutes.
    private static readonly TimeSpan UntrackRecordLifetime = TimeSpan.FromDays(1);

    public async Task<ReconcileReport> ReconcileAsync(CancellationToken cancellationToken)
    {
        int repositories = 0, tracked = 0, untracked = 0, failed = 0;
        var workspaces = new HashSet<WorkspaceId>();
        await foreach (var repository in registry.ListRepositoriesAsync(PageSize, cancellationToken))
        {
            var owner = await owners.FindAsync(repository, cancellationToken);
            if (owner is null || (!workspaces.Contains(owner.WorkspaceId) && await store.GetUsageAsync(owner.WorkspaceId, cancellationToken) is null))
            {
                continue;
            }

            workspaces.Add(owner.WorkspaceId);

            repositories++;
            try
            {
                var records = (await store.ListRepositoryImagesAsync(owner.WorkspaceId, repository, cancellationToken)).ToDictionary(record => record.Tag);
                var inRegistry = new HashSet<Orbit.Registry.References.Tag>();
                await foreach (var tag in registry.ListTagsAsync(repository, PageSize, cancellationToken))
                {
                    var head = await registry.HeadManifestAsync(repository, tag, cancellationToken);
                    if (head is null)
                    {
                        continue;
                    }

                    inRegistry.Add(tag);
                    records.TryGetValue(tag, out var record);
                    if (record?.Digest != head.Digest)
                    {
                        await tracker.TrackAsync(owner.WorkspaceId, owner.AppId, repository, tag, null, cancellationToken);
                        logger.LogInformation("Reconcile: tracked {Repository}:{Tag} because {Reason}.", repository, tag,
                            record is null ? "the registry has it and the accounting did not" : $"it moved from {record.Digest} to {head.Digest}");
                        tracked++;
                    }
                }

                var gone = records.Values.Where(record => !inRegistry.Contains(record.Tag)).Select(record => (record.Repository, record.Tag)).ToList();
                if (gone.Count > 0 && await store.UntrackAsync(owner.WorkspaceId, gone, cancellationToken) is { } change)
                {
                    logger.LogInformation("Reconcile: untracked {Tags} of {Repository} because the registry no longer has them ({Freed} bytes released).",
                        string.Join(", ", gone.Select(pair => pair.Tag)), repository, change.FreedBytes);
                    untracked += change.ImagesRemoved.Count;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Reconcile: {Repository} could not be reconciled; the next pass tries again.", repository);
                failed++;
            }
        }

        foreach (var workspace in workspaces)
        {
            await store.PurgeUntrackedManifestsAsync(workspace, time.GetUtcNow() - UntrackRecordLifetime, cancellationToken);
        }

        logger.LogInformation("Reconcile: {Repositories} repositories checked, {Tracked} tracked, {Untracked} untracked, {Failed} failed.", repositories, tracked, untracked, failed);
        return new ReconcileReport(repositories, tracked, untracked, failed);
    }
}
