using System.Reflection.Emit;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.DurableTask;

namespace Orbit.LocalHost.Functions;

/// <summary>
/// Which WebJobs binding serves each binding type a worker declares, as the Functions host maps a function's bindings
/// onto its extensions: Storage queue triggers, timer triggers, and the Durable triggers and client, each with the
/// properties the worker gave. An HTTP trigger is served by this host's HTTP front, which calls the function with the
/// request's key. Any other type is refused at start, naming the function, rather than never firing.
/// </summary>
public static class BindingParameters
{
    public static GeneratedParameter For(WorkerFunction function, WorkerBinding binding) => binding.Type.ToLowerInvariant() switch
    {
        "httptrigger" => new GeneratedParameter(binding.Name, typeof(string), null),
        "queuetrigger" => new GeneratedParameter(binding.Name, typeof(string), Attribute<QueueTriggerAttribute>(
            [Required(function, binding, "queueName")], ("Connection", binding.Get("connection")))),
        "timertrigger" => new GeneratedParameter(binding.Name, typeof(TimerInfo), Attribute<TimerTriggerAttribute>(
            [Required(function, binding, "schedule")], ("RunOnStartup", Flag(binding, "runOnStartup", false)), ("UseMonitor", Flag(binding, "useMonitor", true)))),
        "orchestrationtrigger" => new GeneratedParameter(binding.Name, typeof(string), Attribute<OrchestrationTriggerAttribute>(
            [], ("Orchestration", binding.Get("orchestration") ?? function.Name))),
        "activitytrigger" => new GeneratedParameter(binding.Name, typeof(string), Attribute<ActivityTriggerAttribute>(
            [], ("Activity", binding.Get("activity") ?? function.Name))),
        "durableclient" => new GeneratedParameter(binding.Name, typeof(string), Attribute<DurableClientAttribute>(
            [], ("TaskHub", binding.Get("taskHub")), ("ConnectionName", binding.Get("connectionName")))),
        _ => throw new NotSupportedException(
            $"Function {function.Name} has a '{binding.Type}' binding ({binding.Name}), which this local host does not serve. It serves httpTrigger, queueTrigger, timerTrigger, orchestrationTrigger, activityTrigger and durableClient."),
    };

    /// <summary>True for the triggers whose function's return value goes back to the trigger (the Durable ones).</summary>
    public static bool ReturnsToTrigger(WorkerBinding trigger) =>
        trigger.Type.Equals("orchestrationTrigger", StringComparison.OrdinalIgnoreCase) || trigger.Type.Equals("activityTrigger", StringComparison.OrdinalIgnoreCase);

    public static bool IsHttp(WorkerBinding binding) => binding.Type.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase);

    private static string Required(WorkerFunction function, WorkerBinding binding, string property) =>
        binding.Get(property) is { Length: > 0 } value
            ? value
            : throw new InvalidDataException($"Function {function.Name}'s {binding.Type} binding has no '{property}'.");

    private static bool Flag(WorkerBinding binding, string property, bool otherwise) =>
        binding.Get(property) is { } value ? bool.Parse(value) : otherwise;

    private static CustomAttributeBuilder Attribute<TAttribute>(object[] constructorArguments, params (string Name, object? Value)[] properties)
        where TAttribute : Attribute
    {
        var type = typeof(TAttribute);
        var constructor = type.GetConstructor(constructorArguments.Select(argument => argument.GetType()).ToArray())
            ?? throw new MissingMethodException(type.Name, ".ctor");
        var set = properties.Where(property => property.Value is not null).ToList();
        return new CustomAttributeBuilder(
            constructor,
            constructorArguments,
            set.Select(property => type.GetProperty(property.Name) ?? throw new MissingMemberException(type.Name, property.Name)).ToArray(),
            set.Select(property => property.Value).ToArray());
    }
}
