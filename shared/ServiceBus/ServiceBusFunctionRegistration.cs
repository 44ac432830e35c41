using Microsoft.Extensions.DependencyInjection;

namespace Orbit.ServiceBus;

/// <summary>A Service Bus-triggered function as registered: its name and how to invoke it. It listens on <c>ServiceBus:Entity</c>.</summary>
public sealed record ServiceBusFunctionRegistration(string FunctionName, Func<IServiceProvider, ServiceBusMessage, CancellationToken, Task> Invoke)
{
    public static ServiceBusFunctionRegistration For<TFunction>(string functionName)
        where TFunction : IServiceBusFunction =>
        new(functionName, (services, message, cancellationToken) => services.GetRequiredService<TFunction>().RunAsync(message, cancellationToken));
}
