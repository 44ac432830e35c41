namespace Orbit.ServiceBus;

/// <summary>
/// The message can never be handled as it is (malformed, unknown event type): retrying is pointless,
/// so the Service Bus trigger dead-letters it at once with <see cref="Reason"/> and the message as its description.
/// </summary>
public sealed class DeadLetterException(string reason, string description) : Exception(description)
{
    public DeadLetterException(string reason)
        : this(reason, reason)
    {
    }

    public string Reason { get; } = reason;
}
