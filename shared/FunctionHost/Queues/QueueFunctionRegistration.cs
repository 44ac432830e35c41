using Microsoft.Extensions.DependencyInjection;

namespace Orbit.FunctionHost.Queues;

/// <summary>A queue-triggered function as registered: its name, its queue (may be a <c>%Setting%</c>
/// expression) and how to invoke it on a raw message body.</summary>
public sealed record QueueFunctionRegistration(
    string FunctionName,
    string QueueName,
    Func<IServiceProvider, BinaryData, QueueMessageContext, CancellationToken, Task> Invoke)
{
    public static QueueFunctionRegistration For<TFunction, TMessage>(string functionName, string queueName)
        where TFunction : IQueueFunction<TMessage> =>
        new(functionName, queueName, async (services, body, context, cancellationToken) =>
        {
            if (!QueueMessageSerializer.TryDeserialize<TMessage>(body, out var message, out var reason))
            {
                throw new MalformedQueueMessageException(reason);
            }

            await services.GetRequiredService<TFunction>().RunAsync(message, context, cancellationToken);
        });
}
