using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orbit.Quota.Cleanup;
using Orbit.Quota.Events;
using Orbit.Quota.History;
using Orbit.Quota.Images;
using Orbit.Quota.Reconcile;
using Orbit.Quota.Repositories;
using Orbit.Quota.Storage;
using Orbit.Registry.Client;

namespace Orbit.Quota;

public static class QuotaServiceCollectionExtensions
{
    /// <summary>Registry accounting: the registry client, the usage table (<c>Quota:UsageTable</c>, default <c>registryusage</c>), tracking, deletion, cleanup planning and leases (<c>Quota:CleanupLeaseTable</c>, default <c>cleanupleases</c>), the cleanup history (<c>Quota:CleanupHistoryTable</c>, default <c>cleanuphistory</c>, the newest <c>Quota:CleanupHistoryPerWorkspace</c> (100) per workspace), registry events and reconciling.</summary>
    public static IServiceCollection AddRegistryQuota(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRegistryClient(configuration);
        services.TryAddSingleton(TimeProvider.System);
        TableClient UsageTable(IServiceProvider provider) =>
            provider.GetRequiredService<TableServiceClient>().GetTableClient(configuration["Quota:UsageTable"] ?? "registryusage");
        services.AddSingleton(provider => new UsageStore(UsageTable(provider), provider.GetRequiredService<ILogger<UsageStore>>(), provider.GetRequiredService<TimeProvider>()));
        // The tenants feature's setting: the repositories under it are the tenants', never a workspace's.
        services.AddSingleton(new TenantRepositories(configuration["Tenants:RepositoryPrefix"] ?? TenantRepositories.DefaultPrefix));
        services.AddSingleton(provider => new RepositoryOwners(
            UsageTable(provider), provider.GetRequiredService<UsageStore>(), provider.GetRequiredService<TenantRepositories>(), provider.GetRequiredService<ILogger<RepositoryOwners>>()));
        services.AddTransient<ImageTracker>();
        services.AddTransient<ImageDeleter>();
        services.AddTransient<DigestDeleter>();
        services.AddTransient<WorkspaceCleanupPlanner>();
        services.AddSingleton(provider => new CleanupLeases(
            provider.GetRequiredService<TableServiceClient>().GetTableClient(configuration["Quota:CleanupLeaseTable"] ?? "cleanupleases"),
            provider.GetRequiredService<TimeProvider>()));
        var historyPerWorkspace = configuration.GetValue<int?>("Quota:CleanupHistoryPerWorkspace") ?? 100;
        if (historyPerWorkspace is < 1 or > 10_000)
        {
            throw new InvalidOperationException($"Quota:CleanupHistoryPerWorkspace must be between 1 and 10000 (the cleanups a workspace's history keeps); it is {historyPerWorkspace}.");
        }

        services.AddSingleton(provider => new CleanupHistory(
            provider.GetRequiredService<TableServiceClient>().GetTableClient(configuration["Quota:CleanupHistoryTable"] ?? "cleanuphistory"),
            historyPerWorkspace));
        services.AddTransient<RegistryEventHandler>();
        services.AddTransient<RegistryReconciler>();
        return services;
    }
}
