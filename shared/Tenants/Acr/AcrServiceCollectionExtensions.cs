using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;

namespace Orbit.Tenants.Acr;

public static class AcrServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="AcrTenantTokens"/> (<c>Tenants:Acr:*</c>): ARM calls signed by the registered <see cref="TokenCredential"/>
    /// (DefaultAzureCredential unless one is registered), inside Polly's standard pipeline, which retries 429 and 5xx
    /// honouring Retry-After. The settings are checked only when <c>Tenants:RegistryKind</c> is <c>Acr</c>.
    /// </summary>
    public static IHttpClientBuilder AddAcrTenantTokens(this IServiceCollection services, IConfiguration configuration)
    {
        var enabled = configuration.GetSection(TenantsOptions.SectionName).Get<TenantsOptions>()?.RegistryKind == RegistryKind.Acr;
        services.AddOptions<AcrOptions>()
            .Bind(configuration.GetSection(AcrOptions.SectionName))
            .Validate(
                options => !enabled || (IsSet(options.SubscriptionId) && IsSet(options.ResourceGroup) && IsSet(options.RegistryName)),
                "With Tenants:RegistryKind Acr, set Tenants:Acr:SubscriptionId, Tenants:Acr:ResourceGroup and Tenants:Acr:RegistryName.")
            .Validate(
                options => options.ManagementEndpoint.IsAbsoluteUri && options.ManagementEndpoint.Scheme == Uri.UriSchemeHttps && IsSet(options.ApiVersion),
                "Tenants:Acr:ManagementEndpoint must be an https URL and Tenants:Acr:ApiVersion set.")
            .Validate(
                options => options.PollInterval > TimeSpan.Zero && options.MaxPollInterval >= options.PollInterval && options.OperationTimeout >= TimeSpan.FromSeconds(10),
                "Tenants:Acr:PollInterval must be positive, MaxPollInterval at least PollInterval and OperationTimeout at least 00:00:10.")
            .ValidateOnStart();

        // Only built when ACR credentials are first asked for, so no Azure credential is probed on other registries.
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.TryAddTransient<ArmBearerTokenHandler>();
        var client = services.AddHttpClient<AcrTenantTokens>();
        client.AddStandardResilienceHandler(resilience =>
        {
            resilience.Retry.MaxRetryAttempts = 3;
            resilience.AttemptTimeout.Timeout = TimeSpan.FromSeconds(30);
            resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(60);
            resilience.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(2);
        });
        client.AddHttpMessageHandler<ArmBearerTokenHandler>();
        return client;
    }

    private static bool IsSet(string? value) => !string.IsNullOrWhiteSpace(value);
}
