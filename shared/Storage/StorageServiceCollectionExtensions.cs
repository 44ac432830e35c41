using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Orbit.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The clients of the app's storage account (<c>AzureWebJobsStorage</c>, as the Functions host reads it) and a
    /// <see cref="QueueSender"/> for work items, in the encoding the queue trigger reads: host.json's
    /// <c>extensions.queues.messageEncoding</c> (<c>base64</c>, the default, or <c>none</c>), as configuration has it under
    /// <c>AzureFunctionsJobHost</c>.
    /// </summary>
    public static IServiceCollection AddStorageAccount(this IServiceCollection services, IConfiguration configuration)
    {
        var encoding = configuration["AzureFunctionsJobHost:extensions:queues:messageEncoding"] switch
        {
            null or "" => QueueMessageEncoding.Base64,
            var text when text.Equals("base64", StringComparison.OrdinalIgnoreCase) => QueueMessageEncoding.Base64,
            var text when text.Equals("none", StringComparison.OrdinalIgnoreCase) => QueueMessageEncoding.None,
            var text => throw new InvalidOperationException($"host.json's extensions.queues.messageEncoding is '{text}'; the queue trigger takes 'base64' or 'none'."),
        };
        services.AddSingleton(_ => StorageAccount.FromConfiguration(configuration));
        services.AddSingleton(provider => provider.GetRequiredService<StorageAccount>().CreateQueueServiceClient(encoding));
        services.AddSingleton(provider => provider.GetRequiredService<StorageAccount>().CreateBlobServiceClient());
        services.AddSingleton(provider => provider.GetRequiredService<StorageAccount>().CreateTableServiceClient());
        services.AddSingleton<QueueSender>();
        return services;
    }
}
