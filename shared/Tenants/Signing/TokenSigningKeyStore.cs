using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orbit.Tenants.Signing;

/// <summary>
/// The one signing key of every instance, kept in a blob (<c>RegistryAuth:KeyContainer</c>/<c>KeyBlob</c>) so
/// that it survives restarts — the registry reads its certificate bundle only at start-up. The first instance
/// creates it with a create-if-absent write; an instance that loses that race reads the winner's key.
/// </summary>
public sealed class TokenSigningKeyStore(BlobServiceClient blobs, IOptions<RegistryAuthOptions> options, TimeProvider time, ILogger<TokenSigningKeyStore> logger) : IDisposable
{
    private static readonly TimeSpan CertificateValidity = TimeSpan.FromDays(3650);

    private readonly SemaphoreSlim loading = new(1, 1);
    private TokenSigningKey? key;

    public async Task<TokenSigningKey> GetAsync(CancellationToken cancellationToken)
    {
        if (key is { } loaded)
        {
            return loaded;
        }

        await loading.WaitAsync(cancellationToken);
        try
        {
            return key ??= await LoadOrCreateAsync(cancellationToken);
        }
        finally
        {
            loading.Release();
        }
    }

    public void Dispose()
    {
        key?.Dispose();
        loading.Dispose();
    }

    private async Task<TokenSigningKey> LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(options.Value.KeyContainer);
        await container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
        var blob = container.GetBlobClient(options.Value.KeyBlob);
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken);
            return TokenSigningKey.FromPem(content.Value.Content.ToString());
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // None yet: make one below.
        }

        var pem = TokenSigningKey.CreatePem(time.GetUtcNow(), CertificateValidity);
        try
        {
            await blob.UploadAsync(BinaryData.FromString(pem), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
            logger.LogWarning(
                "Created a new registry token signing key in blob {Container}/{Blob}; give the registry its certificate (GET /api/registry/certificate) as auth.token.rootcertbundle and restart it",
                options.Value.KeyContainer,
                options.Value.KeyBlob);
            return TokenSigningKey.FromPem(pem);
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            // Another instance created it first: everyone must sign with that one.
            var content = await blob.DownloadContentAsync(cancellationToken);
            return TokenSigningKey.FromPem(content.Value.Content.ToString());
        }
    }
}
