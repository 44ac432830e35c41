using Amqp;
using Amqp.Framing;

namespace Orbit.ServiceBus.Cbs;

/// <summary>
/// A put-token request of AMQP claims-based security as Service Bus reads it: sent to the <c>$cbs</c> node with the
/// application properties <c>operation=put-token</c>, <c>type=jwt</c> (an Entra ID token) and <c>name</c> = the audience,
/// the entity's URI; the token is the body, an AMQP string value. The answer comes to <see cref="ReplyTo"/>, correlated
/// by <see cref="MessageId"/>. The record holds no token, so it can be written out.
/// </summary>
public sealed record PutTokenRequest(string Audience, string MessageId, string ReplyTo)
{
    /// <summary>The node that takes tokens on a Service Bus connection.</summary>
    public const string NodeAddress = "$cbs";

    /// <summary>The token type of an Entra ID (JSON Web) token; a SAS token would be <c>servicebus.windows.net:sastoken</c>.</summary>
    public const string JwtTokenType = "jwt";

    /// <summary>The audience a token is put for: the entity (queue, or <c>topic/Subscriptions/sub</c>) on the namespace.</summary>
    public static string AudienceOf(string host, ServiceBusEntity entity) => $"amqp://{host}/{entity.Path}";

    /// <summary>The request message carrying <paramref name="token"/>; never log it.</summary>
    public Message ToMessage(string token) => new(token)
    {
        Properties = new Properties { MessageId = MessageId, ReplyTo = ReplyTo },
        ApplicationProperties = new ApplicationProperties
        {
            ["operation"] = "put-token",
            ["type"] = JwtTokenType,
            ["name"] = Audience,
        },
    };
}
