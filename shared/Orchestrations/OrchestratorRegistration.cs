using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Orbit.Orchestrations;

/// <summary>An orchestrator as registered: its name, and how to run it on JSON input and check that input at start.</summary>
public sealed record OrchestratorRegistration(string Name, Type InputType, Func<IServiceProvider, OrchestrationContext, string?, Task<string?>> Run)
{
    public static OrchestratorRegistration For<TOrchestrator, TInput, TOutput>(string name)
        where TOrchestrator : IOrchestrator<TInput, TOutput> =>
        new(name, typeof(TInput), async (services, context, input) =>
        {
            var orchestrator = services.GetRequiredService<TOrchestrator>();
            return OrchestrationJson.Serialize(await orchestrator.RunAsync(context, OrchestrationJson.Deserialize<TInput>(input)));
        });

    /// <summary>Why <paramref name="input"/> cannot start this orchestrator, or null when it can.</summary>
    public string? InputProblem(string? input)
    {
        if (input is null)
        {
            return InputType.IsValueType || InputType == typeof(string) ? null : $"Orchestrator {Name} needs an input ({InputType.Name}).";
        }

        try
        {
            return JsonSerializer.Deserialize(input, InputType, OrchestrationJson.StrictOptions) is null && !InputType.IsValueType
                ? $"Orchestrator {Name} needs an input ({InputType.Name}), not null."
                : null;
        }
        catch (JsonException exception)
        {
            return $"The input is not a valid {InputType.Name}: {exception.Message}";
        }
    }
}
