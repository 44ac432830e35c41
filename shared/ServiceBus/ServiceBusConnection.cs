using Amqp;

namespace Orbit.ServiceBus;

/// <summary>
/// Where and as whom to connect, parsed from <c>ServiceBus:Connection</c>: a Service Bus connection
/// string (<c>Endpoint=sb://NAME.servicebus.windows.net/;SharedAccessKeyName=…;SharedAccessKey=…</c>,
/// AMQPS on 5671 with SASL PLAIN as the key name and key), <c>amqp[s]://user:pass@host:port</c> for a
/// plain AMQP 1.0 broker, or the identity-based form Azure Functions reads for its own triggers
/// (<c>ServiceBus:Connection:fullyQualifiedNamespace</c>, optional <c>credential=managedidentity</c> and
/// <c>clientId</c>): AMQPS on 5671 with an Entra ID token. <see cref="ToString"/> never shows a key or password.
/// </summary>
public sealed record ServiceBusConnection(string Host, int Port, bool UseTls, ServiceBusSignIn SignIn, BrokerKind InferredBroker)
{
    /// <summary>Service Bus takes AMQP over TLS on this port only.</summary>
    private const int ServiceBusPort = 5671;

    private static readonly string[] IdentitySettings = ["fullyQualifiedNamespace", "credential", "clientId"];

    /// <summary>Parses a connection string or AMQP URI given as the value of <c>ServiceBus:Connection</c>.</summary>
    public static ServiceBusConnection Parse(string? connection) => Parse(connection, new Dictionary<string, string?>());

    /// <summary>
    /// Parses <c>ServiceBus:Connection</c> given either as a value (<paramref name="connection"/>) or as the
    /// identity-based settings under it (<paramref name="identitySettings"/>, by name: <c>fullyQualifiedNamespace</c>, …).
    /// </summary>
    public static ServiceBusConnection Parse(string? connection, IReadOnlyDictionary<string, string?> identitySettings)
    {
        var hasValue = !string.IsNullOrWhiteSpace(connection);
        var hasSettings = identitySettings.Count > 0;
        if (hasValue && hasSettings)
        {
            throw new FormatException(
                "ServiceBus:Connection is given twice: as a connection string and as identity-based settings (ServiceBus:Connection:" +
                string.Join(", ServiceBus:Connection:", identitySettings.Keys.Order(StringComparer.OrdinalIgnoreCase)) +
                "). Keep one: the identity-based settings for Azure Service Bus with Entra ID, or the connection string.");
        }

        if (hasSettings)
        {
            return ParseIdentityBased(identitySettings);
        }

        if (!hasValue)
        {
            throw new FormatException(
                "ServiceBus:Connection is not set: give ServiceBus:Connection:fullyQualifiedNamespace (Entra ID), " +
                "'Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…' or 'amqp://user:password@host:port'.");
        }

        var text = connection!.Trim();
        return text.StartsWith("amqp://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("amqps://", StringComparison.OrdinalIgnoreCase)
            ? ParseUri(text)
            : ParseServiceBusConnectionString(text);
    }

    /// <summary>The AMQPNetLite address: with the user name and password for SASL PLAIN, without any for SASL ANONYMOUS.</summary>
    public Address ToAddress() => SignIn is SharedKeySignIn key
        ? new Address(Host, Port, key.UserName, key.Password, "/", Scheme)
        : new Address(Host, Port, null, null, "/", Scheme);

    public override string ToString() => SignIn is SharedKeySignIn key
        ? $"{Scheme.ToLowerInvariant()}://{key.UserName}@{Host}:{Port}"
        : $"{Scheme.ToLowerInvariant()}://{Host}:{Port} ({SignIn})";

    private string Scheme => UseTls ? "AMQPS" : "AMQP";

    private static ServiceBusConnection ParseIdentityBased(IReadOnlyDictionary<string, string?> settings)
    {
        // Only names are ever echoed: a value in the wrong setting may be a key.
        var unknown = settings.Keys.Where(key => !IdentitySettings.Contains(key, StringComparer.OrdinalIgnoreCase)).Order(StringComparer.OrdinalIgnoreCase).ToList();
        if (unknown.Count > 0)
        {
            throw new FormatException(
                $"ServiceBus:Connection:{string.Join(", ServiceBus:Connection:", unknown)} is not read: the identity-based connection takes " +
                "fullyQualifiedNamespace, credential (managedidentity, or unset for DefaultAzureCredential) and clientId.");
        }

        string? Setting(string name) =>
            settings.FirstOrDefault(pair => pair.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value?.Trim() is { Length: > 0 } value ? value : null;

        var host = Setting("fullyQualifiedNamespace")
            ?? throw new FormatException("ServiceBus:Connection:fullyQualifiedNamespace is not set: give the namespace's host name, NAME.servicebus.windows.net.");
        if (Uri.CheckHostName(host) != UriHostNameType.Dns)
        {
            throw new FormatException(
                "ServiceBus:Connection:fullyQualifiedNamespace is not a host name: give the namespace's host name only, NAME.servicebus.windows.net (no scheme, path or port).");
        }

        var credential = Setting("credential") switch
        {
            null => EntraIdCredentialKind.DefaultAzureCredential,
            var value when value.Equals("managedidentity", StringComparison.OrdinalIgnoreCase) => EntraIdCredentialKind.ManagedIdentity,
            var value => throw new FormatException(
                $"ServiceBus:Connection:credential '{value}' is not supported: use 'managedidentity', or leave it unset for DefaultAzureCredential."),
        };

        var clientId = Setting("clientId");
        if (clientId is not null && !Guid.TryParse(clientId, out _))
        {
            throw new FormatException("ServiceBus:Connection:clientId is not a client id: give the managed identity's client id (a GUID).");
        }

        return new ServiceBusConnection(host.ToLowerInvariant(), ServiceBusPort, true,
            new EntraIdSignIn(credential, clientId), BrokerKind.AzureServiceBus);
    }

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
        return new ServiceBusConnection(uri.Host, port, tls, new SharedKeySignIn(Uri.UnescapeDataString(user), Uri.UnescapeDataString(password)), BrokerKind.RabbitMq);
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
        var port = endpointUri.IsDefaultPort || endpointUri.Port <= 0 ? ServiceBusPort : endpointUri.Port;
        return new ServiceBusConnection(endpointUri.Host, port, true, new SharedKeySignIn(keyName, key), BrokerKind.AzureServiceBus);
    }
}
