namespace Orbit.ServiceBus;

/// <summary>Which AMQP 1.0 broker the Service Bus trigger talks to; see <see cref="BrokerProfile"/>.</summary>
public enum BrokerKind
{
    AzureServiceBus,
    RabbitMq,
}
