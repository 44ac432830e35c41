using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orbit.Quota.Images;
using Orbit.Quota.Storage;
using Orbit.Registry.Client;

namespace Orbit.Quota;

public static class QuotaServiceCollectionExtensions
{
    /// <summary>Registry accounting: the registry client, the usage table (<c>Quota:UsageTable</c>, default <c>registryusage</c>), tracking and deletion.</summary>
    public static IServiceCollection AddRegistryQuota(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRegistryClient(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new UsageStore(
            provider.GetRequiredService<TableServiceClient>().GetTableClient(configuration["Quota:UsageTable"] ?? "registryusage"),
            provider.GetRequiredService<ILogger<UsageStore>>()));
        services.AddTransient<ImageTracker>();
        services.AddTransient<ImageDeleter>();
        return services;
    }
}
