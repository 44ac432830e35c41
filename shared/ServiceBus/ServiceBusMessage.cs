using Orbit.Storage;

namespace Orbit.ServiceBus;

/// <summary>
/// A message as the Service Bus trigger hands it to a function. <see cref="Attempt"/> is counted by the
/// host (1 on first delivery) because not every broker counts released deliveries;
/// <see cref="BrokerDeliveryCount"/> is what the broker's header said.
/// </summary>
public sealed record ServiceBusMessage(
    string MessageId,
    BinaryData Body,
    IReadOnlyDictionary<string, object?> ApplicationProperties,
    int Attempt,
    uint BrokerDeliveryCount,
    string Entity)
{
    public string BodyText => Body.ToString();

    /// <summary>The body as a JSON record; a body of another shape is dead-lettered as MalformedMessage.</summary>
    public TMessage BodyAs<TMessage>() =>
        QueueMessageSerializer.TryDeserialize<TMessage>(Body, out var message, out var reason)
            ? message
            : throw new DeadLetterException("MalformedMessage", reason);
}
