namespace Orbit.Tenants.Acr;

/// <summary>The Azure Container Registry whose scope-map tokens tenants get (<c>Tenants:Acr:*</c>, env <c>Tenants__Acr__*</c>).</summary>
public sealed record AcrOptions
{
    public const string SectionName = "Tenants:Acr";

    public string? SubscriptionId { get; init; }

    public string? ResourceGroup { get; init; }

    /// <summary>The registry's resource name (<c>myregistry</c>, not its host).</summary>
    public string? RegistryName { get; init; }

    /// <summary>The host tenants log in to; default <c>&lt;RegistryName&gt;.azurecr.io</c>.</summary>
    public string? LoginServer { get; init; }

    /// <summary>Azure Resource Manager; other clouds have their own (e.g. <c>https://management.usgovcloudapi.net</c>).</summary>
    public Uri ManagementEndpoint { get; init; } = new("https://management.azure.com");

    public string ApiVersion { get; init; } = "2023-07-01";

    /// <summary>How long to wait between polls of a long-running ARM operation that sends no Retry-After.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The most a Retry-After on a poll can make us wait, so a slow operation cannot hold a request for minutes per poll.</summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a long-running ARM operation may take before the request gives up.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromMinutes(2);

    public string EffectiveLoginServer => LoginServer is { Length: > 0 } server ? server : $"{RegistryName}.azurecr.io";
}
