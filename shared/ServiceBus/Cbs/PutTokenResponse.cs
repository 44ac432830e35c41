using Amqp;

namespace Orbit.ServiceBus.Cbs;

/// <summary>
/// The <c>$cbs</c> node's answer to a put-token request: <c>status-code</c> (an HTTP status; 200 or 202 when the token is
/// taken) and <c>status-description</c> as application properties, and the request's message id as correlation id.
/// </summary>
public sealed record PutTokenResponse(string? CorrelationId, int? StatusCode, string? StatusDescription)
{
    public bool Accepted => StatusCode is 200 or 202;

    public static PutTokenResponse Read(Message response)
    {
        var properties = response.ApplicationProperties?.Map;
        object? Property(string name) => properties is not null && properties.ContainsKey(name) ? properties[name] : null;

        // An int on the wire, but a broker may encode it in any integer width.
        int? status = Property("status-code") switch
        {
            int code => code,
            long or uint or short or ushort or sbyte or byte => Convert.ToInt32(Property("status-code"), System.Globalization.CultureInfo.InvariantCulture),
            string text when int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        return new PutTokenResponse(response.Properties?.CorrelationId?.ToString(), status, Property("status-description")?.ToString());
    }

    /// <summary>Whether this answers <paramref name="request"/> (an answer to an earlier request that timed out does not).</summary>
    public bool Answers(PutTokenRequest request) => string.Equals(CorrelationId, request.MessageId, StringComparison.Ordinal);

    /// <summary>Throws, naming the status and its description, unless the token was taken.</summary>
    public void EnsureAccepted(PutTokenRequest request)
    {
        if (Accepted)
        {
            return;
        }

        var status = StatusCode is { } code ? $"status {code}" : "no status-code";
        var description = string.IsNullOrWhiteSpace(StatusDescription) ? "no description" : StatusDescription;
        throw new InvalidOperationException(
            $"Service Bus did not take the Entra ID token for {request.Audience} ({status}: {description}). " +
            "The identity needs the 'Azure Service Bus Data Receiver' role on the namespace or the entity.");
    }
}
