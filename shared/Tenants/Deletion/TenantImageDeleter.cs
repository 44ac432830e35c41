using Microsoft.Extensions.Logging;
using Orbit.Registry.Client;
using Orbit.Tenants.Layout;
using Orbit.Tenants.Registration;

namespace Orbit.Tenants.Deletion;

/// <summary>
/// Deletes a deleted tenant's images from its repository, by digest. Idempotent: a manifest already gone (404) counts
/// as deleted, and a repository with no tags left is done. Registry failures propagate, so the work item is retried.
/// </summary>
public sealed class TenantImageDeleter(RegistryClient registry, TenantRepositoryImages repositories, TenantImageLayout layout, ILogger<TenantImageDeleter> logger)
{
    public async Task<TenantImageDeletionResult> DeleteAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var repository = layout.RepositoryFor(tenant);
        var owner = await repositories.OwnerAsync(tenant, cancellationToken);
        var images = await repositories.ReadAsync(repository, cancellationToken);
        if (images.Count == 0)
        {
            logger.LogInformation("Tenant {Tenant}: {Repository} has no tags (its tag {Tag} answers 404); nothing to delete", tenant, repository, layout.Tag);
            return new TenantImageDeletionResult(tenant, repository, [], []);
        }

        var deleted = new List<ImageDeletionVerdict>();
        var kept = new List<ImageDeletionVerdict>();
        foreach (var verdict in ImageDeletionPolicy.Decide(repository, owner, images))
        {
            if (!verdict.Delete)
            {
                // A work item for an active tenant is stale or misdirected; deleting would take a live image.
                logger.LogError("Tenant {Tenant}: kept {Repository}@{Digest}, not deleted: {Reason}", tenant, repository, verdict.Image.Digest, verdict.Reason);
                kept.Add(verdict);
                continue;
            }

            var found = await registry.DeleteManifestAsync(repository, verdict.Image.Digest, cancellationToken);
            logger.LogInformation("Tenant {Tenant}: deleted {Repository}@{Digest}{Already} because {Reason}",
                tenant, repository, verdict.Image.Digest, found ? string.Empty : " (already gone)", verdict.Reason);
            deleted.Add(verdict);
        }

        return new TenantImageDeletionResult(tenant, repository, deleted, kept);
    }
}
