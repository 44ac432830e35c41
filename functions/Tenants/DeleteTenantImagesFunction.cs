using System.Runtime.ExceptionServices;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Orbit.Functions.Hosting;
using Orbit.Storage;
using Orbit.Tenants.Deletion;
using Orbit.Tenants.Layout;
using Orbit.Tenants.Passwords;
using Orbit.Tenants.Registration;

namespace Orbit.Functions.Tenants;

/// <summary>
/// The deletion work item (queue <c>Tenants:DeletionQueue</c>): ends the deleted tenant's registry credentials that
/// the registry itself would still accept (ACR's token and scope map), then deletes its images, even when ending
/// the credentials failed. Either failure fails the attempt and the host redelivers; the last attempt is logged
/// at Critical, naming the tenant, before the host moves the work item to the poison queue.
/// </summary>
public sealed class DeleteTenantImagesFunction(
    ITenantRegistryCredentials credentials, TenantImageDeleter deleter, TenantImageLayout layout, IOptions<TenantDeletionOptions> options, IConfiguration configuration, ILogger<DeleteTenantImagesFunction> logger)
{
    [Function("DeleteTenantImages")]
    public async Task RunAsync([QueueTrigger("%Tenants:DeletionQueue%")] string body, FunctionContext context, CancellationToken cancellationToken)
    {
        var queue = options.Value.DeletionQueue;
        var message = QueueWorkItem.Read<TenantImageDeletionRequest>(body, queue);
        if (!TenantId.TryParse(message.TenantId, out var tenant))
        {
            throw new MalformedQueueMessageException(queue, $"'{message.TenantId}' is not a tenant id: {TenantId.Rule}.");
        }

        var attempts = HostQueueSettings.MaxDequeueCount(configuration);
        var dequeueCount = QueueWorkItem.DequeueCount(context);
        try
        {
            // Access ends first, so nothing new is pushed while the images go; a failure to end it must not keep them.
            Exception? revocationFailure = null;
            try
            {
                await credentials.RevokeAsync(tenant, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                revocationFailure = exception;
            }

            await deleter.DeleteAsync(tenant, cancellationToken);
            if (revocationFailure is not null)
            {
                ExceptionDispatchInfo.Throw(revocationFailure);
            }
        }
        catch (Exception exception) when (dequeueCount >= attempts && exception is not OperationCanceledException)
        {
            logger.LogCritical(exception,
                "ALERT tenant {Tenant}: its images in {Repository} could not be deleted, or its registry credentials revoked, in {Attempts} attempts (last: {Error}); the work item {MessageId} goes to {PoisonQueue}. The orphan sweep retries on its schedule; move the message back to {Queue} once the registry is healthy.",
                tenant, layout.RepositoryFor(tenant), attempts, exception.Message, QueueWorkItem.MessageId(context), QueueNames.Poison(queue), queue);
            throw;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(
                "Tenant {Tenant}: deleting its images failed on attempt {Attempt} of {Attempts} ({Error}); the host delivers the work item again.",
                tenant, dequeueCount, attempts, exception.Message);
            throw;
        }
    }
}
