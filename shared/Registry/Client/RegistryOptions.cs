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

    /// <summary>The share of failed requests within the last 60 s that opens the circuit
    /// (0 to 1): while it is open, requests fail at once instead of piling onto a registry that is down.</summary>
    public double CircuitBreakerFailureRatio { get; init; } = 0.1;

    /// <summary>How many requests the sampling window must hold before the ratio counts.</summary>
    public int CircuitBreakerMinimumThroughput { get; init; } = 100;

    /// <summary>How long the circuit stays open before one trial request may close it again.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; init; } = TimeSpan.FromSeconds(5);
}
