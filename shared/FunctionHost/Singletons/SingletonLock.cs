using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Orbit.FunctionHost.Singletons;

/// <summary>
/// A lock shared by every host instance on one storage account: a lease on a blob. Whoever holds
/// the lease must renew it within <see cref="LeaseDuration"/>; a holder that dies loses it then.
/// </summary>
public sealed class SingletonLock(BlobContainerClient container, string blobName)
{
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(15);

    private readonly BlobClient blob = container.GetBlobClient(blobName);
    private readonly BlobLeaseClient lease = container.GetBlobClient(blobName).GetBlobLeaseClient(Guid.NewGuid().ToString());

    public string Name => blob.Name;

    public async Task<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await lease.AcquireAsync(LeaseDuration, cancellationToken: cancellationToken);
                return true;
            }
            catch (RequestFailedException exception) when (exception.Status == 409)
            {
                return false;
            }
            catch (RequestFailedException exception) when (exception.Status == 404 && attempt == 1)
            {
                // First use on this storage account: create the lock blob, then try once more.
                await CreateLockBlobAsync(cancellationToken);
            }
        }
    }

    public async Task<bool> TryRenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            await lease.RenewAsync(cancellationToken: cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 404)
        {
            return false;
        }
    }

    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await lease.ReleaseAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 404)
        {
            // Not ours any more: nothing to release.
        }
    }

    private async Task CreateLockBlobAsync(CancellationToken cancellationToken)
    {
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        try
        {
            await blob.UploadAsync(BinaryData.Empty, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            // Another instance created it first.
        }
    }
}
