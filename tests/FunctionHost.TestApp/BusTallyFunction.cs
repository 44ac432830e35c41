using Orbit.FunctionHost.ServiceBus;

namespace Orbit.FunctionHost.TestApp;

/// <summary>The benchmark's handler: one table write per message, its effect, idempotent by message id.</summary>
public sealed class BusTallyFunction(ResultsTable results) : IServiceBusFunction
{
    public Task RunAsync(ServiceBusMessage message, CancellationToken cancellationToken) =>
        results.RecordOnceAsync("effect", message.MessageId, new Dictionary<string, object>(), cancellationToken);
}
