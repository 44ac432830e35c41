using Microsoft.Extensions.Logging;
using Orbit.Tenants.Deletion;
using Orbit.Tenants.Registration;

namespace Orbit.Tenants.Events;

/// <summary>
/// Applies a tenant lifecycle event. Idempotent, because delivery is at least once: a second TenantCreated
/// finds the tenant and leaves its key alone; a second TenantDeleted finds it deleted and queues a deletion
/// work item that finds nothing left to delete; a TenantDeleted for a tenant not yet created leaves a
/// tombstone. It returns once the effect is durable (the tenant row, and for a deletion the work item on its
/// queue), so the caller may settle the message then.
/// </summary>
public sealed class TenantEventHandler(TenantRegistration registration, TenantDeletion deletion, ILogger<TenantEventHandler> logger)
{
    /// <exception cref="RejectedTenantEventException">The event can never take effect.</exception>
    public async Task HandleAsync(TenantEvent tenantEvent, CancellationToken cancellationToken)
    {
        switch (tenantEvent.Type)
        {
            case TenantEventType.TenantCreated:
                await CreateAsync(tenantEvent, cancellationToken);
                break;
            case TenantEventType.TenantDeleted:
                await DeleteAsync(tenantEvent, cancellationToken);
                break;
            default:
                throw new RejectedTenantEventException("UnknownEventType", $"Event {tenantEvent.EventId} has type {tenantEvent.Type}, which this version cannot apply.");
        }
    }

    private async Task DeleteAsync(TenantEvent tenantEvent, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await deletion.DeleteAsync(tenantEvent.TenantId, cancellationToken) is not null)
            {
                logger.LogInformation("Event {EventId}: tenant {Tenant} deleted; its image deletion is queued.", tenantEvent.EventId, tenantEvent.TenantId);
                return;
            }

            // Events can arrive out of order (a redelivery, a resubmitted dead letter): without a tombstone, the
            // tenant's TenantCreated arriving next would create a tenant that no event deletes any more.
            if (await registration.TryAddTombstoneAsync(tenantEvent.TenantId, cancellationToken))
            {
                logger.LogInformation("Event {EventId}: TenantDeleted for unknown tenant {Tenant}; recorded as deleted, so a later TenantCreated for it is refused.",
                    tenantEvent.EventId, tenantEvent.TenantId);
                return;
            }
        }
    }

    private async Task CreateAsync(TenantEvent tenantEvent, CancellationToken cancellationToken)
    {
        try
        {
            var creation = await registration.CreateAsync(tenantEvent.TenantId, rotateKey: false, cancellationToken);
            // The key made here is not handed to anyone: the platform asks for one with POST /api/tenants {rotateKey: true}.
            logger.LogInformation("Event {EventId}: tenant {Tenant} {Outcome}.", tenantEvent.EventId, tenantEvent.TenantId,
                creation.Outcome == TenantCreationOutcome.Created ? "created" : "already exists, left as it is");
        }
        catch (TenantDeletedException)
        {
            throw new RejectedTenantEventException("TenantDeleted", $"Event {tenantEvent.EventId}: tenant {tenantEvent.TenantId} was deleted, and a tenant id is never reused.");
        }
        catch (ReservedTenantIdException)
        {
            throw new RejectedTenantEventException("ReservedTenantId", $"Event {tenantEvent.EventId}: {tenantEvent.TenantId} is reserved for the service's own registry identity.");
        }
    }
}
