using Amqp;
using Amqp.Framing;
using Amqp.Types;

namespace Orbit.ServiceBus;

/// <summary>
/// What differs between Azure Service Bus and a RabbitMQ 3.x broker with rabbitmq_amqp1_0, so the
/// listener itself stays broker-neutral: how an entity is addressed, whether dead-lettering carries a
/// reason, and whether the broker's delivery-count can be trusted to count failed attempts.
/// </summary>
public sealed record BrokerProfile(
    BrokerKind Kind,
    bool RequiresTls,
    bool CountsDeliveriesOnRelease,
    bool CarriesDeadLetterReason,
    bool HonoursDeliveryCountInFlow,
    bool AuthorizesWithClaims)
{
    /// <summary>The error condition Service Bus reads on a rejected delivery as "move to the dead-letter sub-queue".</summary>
    public const string ServiceBusDeadLetterCondition = "com.microsoft:dead-letter";

    /// <summary>Service Bus: AMQPS (5671) only; abandon and lock expiry raise delivery-count; a reject
    /// with <see cref="ServiceBusDeadLetterCondition"/> dead-letters with DeadLetterReason and
    /// DeadLetterErrorDescription as message properties; an Entra ID token is put to its <c>$cbs</c> node.</summary>
    public static readonly BrokerProfile AzureServiceBus = new(BrokerKind.AzureServiceBus, RequiresTls: true, CountsDeliveriesOnRelease: true, CarriesDeadLetterReason: true, HonoursDeliveryCountInFlow: true, AuthorizesWithClaims: true);

    /// <summary>RabbitMQ: a released message comes back with the same delivery-count (so attempts are
    /// counted by the host), and a reject is a nack without requeue, which the queue's
    /// <c>x-dead-letter-exchange</c>/<c>x-dead-letter-routing-key</c> route to its dead-letter queue;
    /// the reason cannot travel with it, so the host records it in the attempts table. Its flow
    /// handling over-delivers when credit is topped up mid-stream (see <see cref="CreditWindow"/>). It has no
    /// <c>$cbs</c> node: users sign in with SASL PLAIN only.</summary>
    public static readonly BrokerProfile RabbitMq = new(BrokerKind.RabbitMq, RequiresTls: false, CountsDeliveriesOnRelease: false, CarriesDeadLetterReason: false, HonoursDeliveryCountInFlow: false, AuthorizesWithClaims: false);

    public static BrokerProfile For(BrokerKind kind) => kind switch
    {
        BrokerKind.AzureServiceBus => AzureServiceBus,
        BrokerKind.RabbitMq => RabbitMq,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown broker kind."),
    };

    /// <summary>The AMQP source address of <paramref name="entity"/> on this broker.</summary>
    public string SourceAddress(ServiceBusEntity entity) => Kind switch
    {
        BrokerKind.AzureServiceBus => entity.Path,
        _ when entity.Subscription is not null => throw new FormatException(
            $"ServiceBus:Entity '{entity.Path}' is a topic subscription, which RabbitMQ does not have: bind a durable queue to the exchange and use the queue's name."),
        // An existing durable queue; /queue/NAME would declare a non-durable one of its own.
        _ => entity.Path.StartsWith('/') ? entity.Path : $"/amq/queue/{entity.Path}",
    };

    /// <summary>The error a reject carries to dead-letter a message; null where the broker ignores it.</summary>
    public Error? DeadLetterError(string reason, string description) => CarriesDeadLetterReason
        ? new Error(new Symbol(ServiceBusDeadLetterCondition))
        {
            Description = description,
            Info = new Fields
            {
                [new Symbol("DeadLetterReason")] = reason,
                [new Symbol("DeadLetterErrorDescription")] = description,
            },
        }
        : null;
}
