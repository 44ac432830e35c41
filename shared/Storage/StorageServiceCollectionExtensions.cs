using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Orbit.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The clients of the app's storage account (<c>AzureWebJobsStorage</c>, as the Functions host reads it) and a
    /// <see cref="QueueSender"/> for work items. Queue messages are base64, the queue trigger's default encoding.
    /// </summary>
    public static IServiceCollection AddStorageAccount(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => StorageAccount.FromConfiguration(configuration));
        services.AddSingleton(provider => provider.GetRequiredService<StorageAccount>().CreateQueueServiceClient(QueueMessageEncoding.Base64));
        services.AddSingleton(provider => provider.GetRequiredService<StorageAccount>().CreateBlobServiceClient());
        services.AddSingleton(provider => provider.GetRequiredService<StorageAccount>().CreateTableServiceClient());
        services.AddSingleton<QueueSender>();
        return services;
    }
}
