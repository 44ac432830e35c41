namespace Orbit.ServiceBus;

/// <summary>Which Azure.Identity credential gets the Entra ID token, as the Functions host picks it from <c>…__credential</c>.</summary>
public enum EntraIdCredentialKind
{
    /// <summary><c>credential</c> unset: <c>DefaultAzureCredential</c> (environment, workload identity, managed identity, developer sign-ins).</summary>
    DefaultAzureCredential,

    /// <summary><c>credential=managedidentity</c>: <c>ManagedIdentityCredential</c> only, user-assigned when a client id is given.</summary>
    ManagedIdentity,
}
