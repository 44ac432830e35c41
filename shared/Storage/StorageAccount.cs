using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Orbit.Storage;

/// <summary>
/// The storage account behind <c>AzureWebJobsStorage</c>: queues, blobs and tables of one
/// account. Either a connection string (<c>UseDevelopmentStorage=true</c> for Azurite) or the
/// identity-based form (<c>AzureWebJobsStorage__accountName</c> or per-service URIs) with
/// <see cref="DefaultAzureCredential"/>.
/// </summary>
public sealed class StorageAccount
{
    public const string SettingName = "AzureWebJobsStorage";

    private readonly string? connectionString;
    private readonly TokenCredential? credential;
    private readonly Uri? queueServiceUri;
    private readonly Uri? blobServiceUri;
    private readonly Uri? tableServiceUri;

    private StorageAccount(string connectionString) => this.connectionString = connectionString;

    private StorageAccount(TokenCredential credential, Uri queueServiceUri, Uri blobServiceUri, Uri tableServiceUri)
    {
        this.credential = credential;
        this.queueServiceUri = queueServiceUri;
        this.blobServiceUri = blobServiceUri;
        this.tableServiceUri = tableServiceUri;
    }

    public static StorageAccount FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(SettingName);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new StorageAccount(section.Value);
        }

        var accountName = section["accountName"];
        Uri? ServiceUri(string key, string service) =>
            section[key] is { Length: > 0 } uri ? new Uri(uri)
            : accountName is { Length: > 0 } ? new Uri($"https://{accountName}.{service}.core.windows.net")
            : null;

        var queues = ServiceUri("queueServiceUri", "queue");
        var blobs = ServiceUri("blobServiceUri", "blob");
        var tables = ServiceUri("tableServiceUri", "table");
        if (queues is null || blobs is null || tables is null)
        {
            throw new InvalidOperationException(
                $"Storage is not configured. Set {SettingName} to a connection string (UseDevelopmentStorage=true for Azurite), " +
                $"or {SettingName}__accountName (or {SettingName}__queueServiceUri, __blobServiceUri and __tableServiceUri) for identity-based access.");
        }

        return new StorageAccount(CreateCredential(section), queues, blobs, tables);
    }

    public QueueServiceClient CreateQueueServiceClient(QueueMessageEncoding encoding)
    {
        var options = new QueueClientOptions { MessageEncoding = encoding };
        return connectionString is not null
            ? new QueueServiceClient(connectionString, options)
            : new QueueServiceClient(queueServiceUri, credential, options);
    }

    public BlobServiceClient CreateBlobServiceClient() =>
        connectionString is not null ? new BlobServiceClient(connectionString) : new BlobServiceClient(blobServiceUri, credential);

    public TableServiceClient CreateTableServiceClient() =>
        connectionString is not null ? new TableServiceClient(connectionString) : new TableServiceClient(tableServiceUri, credential);

    private static TokenCredential CreateCredential(IConfigurationSection section) => IdentityConnectionCredential.Create(
        string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase), section["clientId"]);
}
