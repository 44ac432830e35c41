using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Orbit.Orchestrations;

/// <summary>The app's orchestrators and activities by name, each created per episode or call from a DI scope.</summary>
public sealed class OrchestrationRegistry(IServiceCollection services)
{
    private readonly Dictionary<string, OrchestratorRegistration> orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ActivityRegistration> activities = new(StringComparer.OrdinalIgnoreCase);

    public OrchestrationRegistry Orchestrator<TOrchestrator, TInput, TOutput>(string name)
        where TOrchestrator : class, IOrchestrator<TInput, TOutput>
    {
        services.TryAddScoped<TOrchestrator>();
        orchestrators.Add(name, OrchestratorRegistration.For<TOrchestrator, TInput, TOutput>(name));
        return this;
    }

    public OrchestrationRegistry Activity<TActivity, TInput, TOutput>(string name)
        where TActivity : class, IActivity<TInput, TOutput>
    {
        services.TryAddScoped<TActivity>();
        activities.Add(name, ActivityRegistration.For<TActivity, TInput, TOutput>(name));
        return this;
    }

    public OrchestratorRegistration? FindOrchestrator(string name) => orchestrators.GetValueOrDefault(name);

    public ActivityRegistration? FindActivity(string name) => activities.GetValueOrDefault(name);
}
