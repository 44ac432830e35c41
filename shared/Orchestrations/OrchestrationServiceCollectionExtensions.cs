using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orbit.Orchestrations.Client;
using Orbit.Orchestrations.Storage;
using Orbit.Orchestrations.Worker;

namespace Orbit.Orchestrations;

public static class OrchestrationServiceCollectionExtensions
{
    /// <summary>The orchestration runtime (section <c>Orchestrations</c>) with the app's orchestrators and activities.</summary>
    public static IServiceCollection AddOrchestrations(this IServiceCollection services, IConfiguration configuration, Action<OrchestrationRegistry> register)
    {
        var registry = new OrchestrationRegistry(services);
        register(registry);
        services.AddSingleton(registry);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<OrchestrationOptions>()
            .Bind(configuration.GetSection(OrchestrationOptions.SectionName))
            .Validate(o => TaskHubNames.IsValidHubName(o.HubName), "Orchestrations:HubName must be 3 to 40 letters and digits, starting with a letter.")
            .Validate(o => o.StuckAfter > TimeSpan.Zero && o.SendParallelism > 0, "Orchestrations:StuckAfter and SendParallelism must be positive.")
            .ValidateOnStart();
        services.AddSingleton(provider => new InstanceStore(provider.GetRequiredService<TableServiceClient>(), provider.GetRequiredService<IOptions<OrchestrationOptions>>().Value.Names));
        services.AddSingleton(provider => new PayloadStore(provider.GetRequiredService<TableServiceClient>(), provider.GetRequiredService<IOptions<OrchestrationOptions>>().Value.Names));
        services.AddSingleton<OrchestrationMessages>();
        services.AddSingleton<EpisodeRunner>();
        services.AddSingleton<InstanceMailboxes>();
        services.AddSingleton<OrchestrationClient>();
        return services;
    }
}
