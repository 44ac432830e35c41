namespace Orbit.ServiceBus;

/// <summary>A queue, or a topic subscription written <c>topic/Subscriptions/sub</c> as Service Bus addresses it.</summary>
public sealed record ServiceBusEntity(string Path, string? Topic, string? Subscription)
{
    private const int MaxLength = 260;

    public static ServiceBusEntity Parse(string? entity)
    {
        if (string.IsNullOrWhiteSpace(entity))
        {
            throw new FormatException("ServiceBus:Entity is not set: give a queue name or 'topic/Subscriptions/subscription'.");
        }

        var path = entity.Trim();
        if (path.Length > MaxLength || path.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new FormatException($"ServiceBus:Entity '{path}' is not an entity name: at most {MaxLength} characters, no spaces or control characters.");
        }

        if (path.StartsWith('/'))
        {
            // A broker address given as it is (for example /amq/queue/name on RabbitMQ).
            return new ServiceBusEntity(path, null, null);
        }

        var parts = path.Split('/');
        return parts switch
        {
            [_] => new ServiceBusEntity(path, null, null),
            [var topic, var word, var subscription] when word.Equals("Subscriptions", StringComparison.OrdinalIgnoreCase) && topic.Length > 0 && subscription.Length > 0
                => new ServiceBusEntity(path, topic, subscription),
            _ => throw new FormatException($"ServiceBus:Entity '{path}' is neither a queue name nor 'topic/Subscriptions/subscription'."),
        };
    }
}
