using Orbit.ServiceBus;
using Orbit.TestFunctionApp.Recording;

namespace Orbit.TestFunctionApp.ServiceBus;

/// <summary>
/// The Service Bus function (<c>ServiceBus:Entity</c>, run in the worker by the AMQP 1.0 trigger): records every delivery
/// (one row each, so redeliveries show) and its effect once per message id, as an idempotent handler would; dead-letters
/// or fails when the event asks for it.
/// </summary>
public sealed class BusRecordFunction(ResultsTable results) : IServiceBusFunction
{
    public const string Name = "BusRecord";

    public async Task RunAsync(ServiceBusMessage message, CancellationToken cancellationToken)
    {
        var busEvent = message.BodyAs<BusEvent>();
        await results.RecordAsync($"delivery-{busEvent.Id}", Guid.NewGuid().ToString("N"), new Dictionary<string, object?>
        {
            ["MessageId"] = message.MessageId,
            ["Attempt"] = message.Attempt,
            ["BrokerDeliveryCount"] = (long)message.BrokerDeliveryCount,
            ["Kind"] = message.ApplicationProperties.TryGetValue("kind", out var kind) ? kind?.ToString() : null,
        }, cancellationToken);

        switch (busEvent.Mode)
        {
            case "deadletter":
                throw new DeadLetterException("UnknownEvent", $"event {busEvent.Id} is of no known type");
            case "fail":
                throw new InvalidOperationException($"event {busEvent.Id} fails on attempt {message.Attempt}");
        }

        if (busEvent.DelayMilliseconds > 0)
        {
            await Task.Delay(busEvent.DelayMilliseconds, cancellationToken);
        }

        await results.RecordOnceAsync("effect", message.MessageId, new Dictionary<string, object?> { ["EventId"] = busEvent.Id }, cancellationToken);
    }
}
