using Azure.Core;
using Orbit.Storage;

namespace Orbit.ServiceBus;

/// <summary>
/// SASL ANONYMOUS, then an Entra ID token for Service Bus put to the connection's <c>$cbs</c> node (AMQP claims-based
/// security) before the receiver attaches, and renewed there for the life of the connection. Service Bus only: a plain
/// AMQP broker has no <c>$cbs</c> node.
/// </summary>
public sealed record EntraIdSignIn(EntraIdCredentialKind Credential, string? ClientId) : ServiceBusSignIn
{
    /// <summary>The scope of a token for Service Bus data access, whatever the namespace.</summary>
    public const string Scope = "https://servicebus.azure.net/.default";

    /// <summary>The credential the Functions host would use for the same settings.</summary>
    public TokenCredential CreateCredential() =>
        IdentityConnectionCredential.Create(Credential == EntraIdCredentialKind.ManagedIdentity, ClientId);

    public override string ToString() => (Credential, ClientId) switch
    {
        (EntraIdCredentialKind.ManagedIdentity, null) => "Entra ID, system-assigned managed identity",
        (EntraIdCredentialKind.ManagedIdentity, var clientId) => $"Entra ID, managed identity {clientId}",
        (_, null) => "Entra ID, DefaultAzureCredential",
        (_, var clientId) => $"Entra ID, DefaultAzureCredential (managed identity {clientId})",
    };
}
