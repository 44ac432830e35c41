namespace Orbit.Registry.Client;

/// <summary>The managed registry: <c>Registry:Url</c>, <c>Registry:Username</c>, <c>Registry:Password</c>
/// (env <c>Registry__Url</c> …). Without a username the client sends no credentials of its own; with
/// <c>Registry:UseAzureIdentity</c> it signs in to Azure Container Registry with Azure.Identity instead.</summary>
public sealed record RegistryOptions
{
    public const string SectionName = "Registry";

    public Uri? Url { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>Answer ACR's token challenge with an Entra ID token (DefaultAzureCredential) exchanged at <c>/oauth2/exchange</c>.</summary>
    public bool UseAzureIdentity { get; init; }

    /// <summary>The Entra tenant for <see cref="UseAzureIdentity"/>, when not the credential's default.</summary>
    public string? TenantId { get; init; }

    /// <summary>Retries of a failed request (5xx, 408, 429, connection failures) before its failure counts.</summary>
    public int MaxRetryAttempts { get; init; } = 4;

    /// <summary>The first retry's back-off; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);
}
