namespace Orbit.ServiceBus;

/// <summary>
/// A Service Bus-triggered function, peek-lock style: the message is accepted only after this returns,
/// so its effect must be durable by then. Delivery is at least once (a broker restart or dropped
/// connection redelivers unsettled messages): handlers must be idempotent, for example by message id.
/// Throw <see cref="DeadLetterException"/> for a message that can never succeed; any other exception
/// is retried until ServiceBus:MaxDeliveryCount attempts.
/// </summary>
public interface IServiceBusFunction
{
    Task RunAsync(ServiceBusMessage message, CancellationToken cancellationToken);
}
