using Microsoft.Extensions.DependencyInjection;

namespace Orbit.FunctionHost.ServiceBus;

/// <summary>A Service Bus-triggered function as registered: its name, its entity (may be a <c>%Setting%</c> expression) and how to invoke it.</summary>
public sealed record ServiceBusFunctionRegistration(
    string FunctionName,
    string Entity,
    Func<IServiceProvider, ServiceBusMessage, CancellationToken, Task> Invoke)
{
    public const string DefaultEntity = "%ServiceBus:Entity%";

    public static ServiceBusFunctionRegistration For<TFunction>(string functionName, string entity)
        where TFunction : IServiceBusFunction =>
        new(functionName, entity, (services, message, cancellationToken) => services.GetRequiredService<TFunction>().RunAsync(message, cancellationToken));
}
