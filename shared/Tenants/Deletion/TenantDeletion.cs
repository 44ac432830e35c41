using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orbit.Storage;
using Orbit.Tenants.Registration;

namespace Orbit.Tenants.Deletion;

/// <summary>
/// The one entry point for deleting a tenant, for <c>DELETE /api/tenants/{id}</c> and a <c>TenantDeleted</c> event
/// handler alike: marks the tenant deleted, then puts a deletion work item for its images on the queue. When it
/// returns, both are durable, so an event may be settled then. Safe to repeat: the mark is idempotent and a second
/// work item finds nothing left to delete.
/// </summary>
public sealed class TenantDeletion(TenantRegistration registration, QueueSender queue, IOptions<TenantDeletionOptions> options, TimeProvider time, ILogger<TenantDeletion> logger)
{
    /// <summary>The deleted tenant, or null for an unknown one (nothing is written or queued for it).</summary>
    public async Task<Tenant?> DeleteAsync(TenantId id, CancellationToken cancellationToken)
    {
        var tenant = await registration.DeleteAsync(id, cancellationToken);
        if (tenant is null)
        {
            return null;
        }

        // Queued even when the tenant was already deleted: a redelivered event may follow a crash between the two writes.
        var queueName = options.Value.DeletionQueue;
        await queue.SendAsync(queueName, new TenantImageDeletionRequest(id.Value, time.GetUtcNow()), cancellationToken: cancellationToken);
        logger.LogInformation("Tenant {Tenant}: deletion of its images in {Repository} queued on {Queue}", id, tenant.Repository, queueName);
        return tenant;
    }
}
