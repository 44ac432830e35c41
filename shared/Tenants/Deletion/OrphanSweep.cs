using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orbit.Registry.Client;
using Orbit.Tenants.Layout;

namespace Orbit.Tenants.Deletion;

/// <summary>
/// Finds images the deletion work items missed (a lost event, a poisoned work item, a push with a token issued just
/// before the deletion, a repository whose tenant was never registered) and deletes them, rate-limited. Candidate
/// repositories come from <c>_catalog</c> under the tenant prefix; whether one holds anything is decided by
/// <c>tags/list</c>, because <c>_catalog</c> keeps the names of repositories whose manifests are all deleted.
/// </summary>
public sealed class OrphanSweep(
    RegistryClient registry,
    TenantRepositoryImages repositories,
    TenantImageLayout layout,
    IOptions<TenantDeletionOptions> options,
    TimeProvider time,
    ILogger<OrphanSweep> logger)
{
    private const int CatalogPageSize = 100;

    /// <summary>The dry run: what a sweep would delete now and why. Deletes nothing.</summary>
    public async Task<OrphanReport> ReportAsync(CancellationToken cancellationToken)
    {
        var (examined, orphans) = await FindAsync(cancellationToken);
        return new OrphanReport(time.GetUtcNow(), examined, orphans);
    }

    public async Task<OrphanSweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (examined, orphans) = await FindAsync(cancellationToken);
        var pause = TimeSpan.FromSeconds(1 / settings.OrphanSweepDeletionsPerSecond);
        var deleted = new List<ImageDeletionVerdict>();
        foreach (var orphan in orphans)
        {
            if (deleted.Count >= settings.OrphanSweepMaxDeletions)
            {
                break;
            }

            if (deleted.Count > 0)
            {
                await Task.Delay(pause, time, cancellationToken);
            }

            // Read again just before deleting: the tenant may have been registered since the listing.
            var owner = await repositories.OwnerAsync(orphan.Owner.Tenant, cancellationToken);
            if (!owner.MayLoseImages)
            {
                logger.LogWarning("Orphan sweep: kept {Repository}@{Digest}: {Reason} now", orphan.Repository, orphan.Image.Digest, owner.Reason);
                continue;
            }

            var found = await registry.DeleteManifestAsync(orphan.Repository, orphan.Image.Digest, cancellationToken);
            logger.LogInformation("Orphan sweep: deleted {Repository}@{Digest}{Already} because {Reason}",
                orphan.Repository, orphan.Image.Digest, found ? string.Empty : " (already gone)", orphan.Reason);
            deleted.Add(orphan);
        }

        var deferred = orphans.Count - deleted.Count;
        logger.LogInformation("Orphan sweep: {Examined} tenant repositories examined, {Deleted} orphaned manifests deleted, {Deferred} left for the next run (at most {Max} per run, {PerSecond}/s)",
            examined, deleted.Count, deferred, settings.OrphanSweepMaxDeletions, settings.OrphanSweepDeletionsPerSecond);
        return new OrphanSweepResult(examined, deleted, deferred);
    }

    private async Task<(int Examined, IReadOnlyList<ImageDeletionVerdict> Orphans)> FindAsync(CancellationToken cancellationToken)
    {
        var examined = 0;
        var orphans = new List<ImageDeletionVerdict>();
        await foreach (var repository in registry.ListRepositoriesAsync(CatalogPageSize, cancellationToken))
        {
            if (layout.TenantOf(repository) is not { } tenant)
            {
                continue;
            }

            examined++;
            var owner = await repositories.OwnerAsync(tenant, cancellationToken);
            if (!owner.MayLoseImages)
            {
                continue;
            }

            var images = await repositories.ReadAsync(repository, cancellationToken);
            orphans.AddRange(ImageDeletionPolicy.Decide(repository, owner, images).Where(verdict => verdict.Delete));
        }

        return (examined, orphans);
    }
}
