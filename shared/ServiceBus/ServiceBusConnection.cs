using Amqp;

namespace Orbit.ServiceBus;

/// <summary>
/// Where and as whom to connect, parsed from <c>ServiceBus:Connection</c>: a Service Bus connection
/// string (<c>Endpoint=sb://NAME.servicebus.windows.net/;SharedAccessKeyName=…;SharedAccessKey=…</c>,
/// AMQPS on 5671 with SASL PLAIN as the key name and key) or <c>amqp[s]://user:pass@host:port</c> for a
/// plain AMQP 1.0 broker. <see cref="ToString"/> never shows the password.
/// </summary>
public sealed record ServiceBusConnection(string Host, int Port, bool UseTls, string UserName, string Password, BrokerKind InferredBroker)
{
    public static ServiceBusConnection Parse(string? connection)
    {
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new FormatException("ServiceBus:Connection is not set: give 'Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…' or 'amqp://user:password@host:port'.");
        }

        var text = connection.Trim();
        return text.StartsWith("amqp://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("amqps://", StringComparison.OrdinalIgnoreCase)
            ? ParseUri(text)
            : ParseServiceBusConnectionString(text);
    }

    /// <summary>The AMQPNetLite address, credentials included (SASL PLAIN).</summary>
    public Address ToAddress() => new(Host, Port, UserName, Password, "/", UseTls ? "AMQPS" : "AMQP");

    public override string ToString() => $"{(UseTls ? "amqps" : "amqp")}://{UserName}@{Host}:{Port}";

    private static ServiceBusConnection ParseUri(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException("ServiceBus:Connection looks like an AMQP URI but is not one: expected 'amqp://user:password@host:port'.");
        }

        var tls = uri.Scheme.Equals("amqps", StringComparison.OrdinalIgnoreCase);
        var credentials = uri.UserInfo.Split(':', 2);
        if (credentials is not [{ Length: > 0 } user, { Length: > 0 } password])
        {
            throw new FormatException($"ServiceBus:Connection '{uri.Scheme}://…@{uri.Host}' has no user and password: expected '{uri.Scheme}://user:password@host:port'.");
        }

        var port = uri.IsDefaultPort || uri.Port <= 0 ? (tls ? 5671 : 5672) : uri.Port;
        return new ServiceBusConnection(uri.Host, port, tls, Uri.UnescapeDataString(user), Uri.UnescapeDataString(password), BrokerKind.RabbitMq);
    }

    private static ServiceBusConnection ParseServiceBusConnectionString(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = part.IndexOf('=');
            if (separator <= 0)
            {
                // The part may be a key: name only what is expected, never echo it.
                throw new FormatException("ServiceBus:Connection is neither 'amqp://user:password@host:port' nor a 'Key=value;…' Service Bus connection string.");
            }

            values[part[..separator].Trim()] = part[(separator + 1)..].Trim();
        }

        if (!values.TryGetValue("Endpoint", out var endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var endpointUri)
            || !endpointUri.Scheme.Equals("sb", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(endpointUri.Host))
        {
            throw new FormatException("ServiceBus:Connection has no 'Endpoint=sb://NAMESPACE.servicebus.windows.net/'.");
        }

        if (!values.TryGetValue("SharedAccessKeyName", out var keyName) || keyName.Length == 0)
        {
            throw new FormatException("ServiceBus:Connection has no SharedAccessKeyName (the SAS policy name).");
        }

        if (!values.TryGetValue("SharedAccessKey", out var key) || key.Length == 0)
        {
            throw new FormatException($"ServiceBus:Connection has no SharedAccessKey for the policy '{keyName}'.");
        }

        // Service Bus takes AMQP on 5671 with TLS only; an explicit port is for emulators and proxies.
        var port = endpointUri.IsDefaultPort || endpointUri.Port <= 0 ? 5671 : endpointUri.Port;
        return new ServiceBusConnection(endpointUri.Host, port, true, keyName, key, BrokerKind.AzureServiceBus);
    }
}
