using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orbit.Tenants.Layout;
using Orbit.Tenants.Storage;

namespace Orbit.Tenants.Registration;

/// <summary>
/// Creates and deletes tenants, idempotently, so that the HTTP endpoint now and the Service Bus
/// <c>TenantCreated</c>/<c>TenantDeleted</c> handlers later can call it any number of times for one event.
/// </summary>
public sealed class TenantRegistration(TenantStore store, TenantImageLayout layout, IOptions<RegistryAuthOptions> registryAuth, TimeProvider time, ILogger<TenantRegistration> logger)
{
    /// <summary>
    /// Creates the tenant with a new key. An active tenant stays as it is (its key is not shown again) unless
    /// <paramref name="rotateKey"/> asks for a new key. A deleted tenant is refused with <see cref="TenantDeletedException"/>.
    /// </summary>
    public async Task<TenantCreation> CreateAsync(TenantId id, bool rotateKey, CancellationToken cancellationToken)
    {
        if (id.Value == registryAuth.Value.ServiceUsername)
        {
            throw new ReservedTenantIdException(id);
        }

        while (true)
        {
            var existing = await store.GetAsync(id, cancellationToken);
            var key = TenantKey.Generate();
            if (existing is null)
            {
                var tenant = new Tenant(id, TenantState.Active, layout.RepositoryFor(id), time.GetUtcNow(), null, TenantKeyHash.Of(key));
                if (await store.TryAddAsync(tenant, cancellationToken))
                {
                    logger.LogInformation("Tenant {Tenant} created with repository {Repository}", id, tenant.Repository);
                    return new TenantCreation(tenant, key, TenantCreationOutcome.Created);
                }

                continue;
            }

            var current = existing.Tenant;
            if (!current.IsActive)
            {
                throw new TenantDeletedException(id, current.DeletedAt);
            }

            if (!rotateKey)
            {
                return new TenantCreation(current, null, TenantCreationOutcome.AlreadyExists);
            }

            var rotated = current with { KeyHash = TenantKeyHash.Of(key) };
            if (await store.TryReplaceAsync(rotated, existing.ETag, cancellationToken))
            {
                logger.LogInformation("Tenant {Tenant}: key rotated", id);
                return new TenantCreation(rotated, key, TenantCreationOutcome.KeyRotated);
            }
        }
    }

    /// <summary>
    /// Records an unknown tenant as deleted, so that its TenantCreated, delivered after its TenantDeleted, is refused
    /// instead of creating a tenant nobody will delete. False when the tenant exists (created meanwhile): delete it instead.
    /// </summary>
    public async Task<bool> TryAddTombstoneAsync(TenantId id, CancellationToken cancellationToken)
    {
        if (id.Value == registryAuth.Value.ServiceUsername)
        {
            // Nothing can ever be created under the service identity's name, so there is nothing to guard.
            return true;
        }

        var now = time.GetUtcNow();
        var tombstone = new Tenant(id, TenantState.Deleted, layout.RepositoryFor(id), now, now, TenantKeyHash.Of(TenantKey.Generate()));
        if (!await store.TryAddAsync(tombstone, cancellationToken))
        {
            return false;
        }

        logger.LogInformation("Tenant {Tenant} recorded as deleted before it was ever created", id);
        return true;
    }

    /// <summary>Marks the tenant deleted (kept as a tombstone); null for an unknown tenant. Deleting twice changes nothing.</summary>
    public async Task<Tenant?> DeleteAsync(TenantId id, CancellationToken cancellationToken)
    {
        while (true)
        {
            var existing = await store.GetAsync(id, cancellationToken);
            if (existing is null || !existing.Tenant.IsActive)
            {
                return existing?.Tenant;
            }

            var deleted = existing.Tenant with { State = TenantState.Deleted, DeletedAt = time.GetUtcNow() };
            if (await store.TryReplaceAsync(deleted, existing.ETag, cancellationToken))
            {
                logger.LogInformation("Tenant {Tenant} deleted", id);
                return deleted;
            }
        }
    }
}
