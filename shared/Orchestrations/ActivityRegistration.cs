using Microsoft.Extensions.DependencyInjection;

namespace Orbit.Orchestrations;

/// <summary>An activity as registered: its name and how to run it on JSON input, giving JSON output.</summary>
public sealed record ActivityRegistration(string Name, Func<IServiceProvider, string?, CancellationToken, Task<string?>> Run)
{
    public static ActivityRegistration For<TActivity, TInput, TOutput>(string name)
        where TActivity : IActivity<TInput, TOutput> =>
        new(name, async (services, input, cancellationToken) =>
        {
            var activity = services.GetRequiredService<TActivity>();
            return OrchestrationJson.Serialize(await activity.RunAsync(OrchestrationJson.Deserialize<TInput>(input), cancellationToken));
        });
}
