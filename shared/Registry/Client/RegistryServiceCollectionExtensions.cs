using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Orbit.Registry.Client;

public static class RegistryServiceCollectionExtensions
{
    /// <summary>
    /// The <see cref="RegistryClient"/> for the managed registry (<c>Registry:Url</c>, <c>Registry:Username</c>,
    /// <c>Registry:Password</c>): Polly's standard pipeline outermost (retries with jittered back-off on
    /// 5xx, 408, 429 and connection failures, honouring Retry-After; per-attempt and total timeouts; a
    /// circuit breaker), then the registry's authentication.
    /// </summary>
    public static IHttpClientBuilder AddRegistryClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RegistryOptions>()
            .Bind(configuration.GetSection(RegistryOptions.SectionName))
            .Validate(options => options.Url is { IsAbsoluteUri: true }, "Registry:Url must be set to the registry's absolute URL, e.g. https://myregistry.azurecr.io or http://127.0.0.1:5000.")
            .Validate(options => options.MaxRetryAttempts is >= 1 and <= 10 && options.RetryDelay > TimeSpan.Zero, "Registry:MaxRetryAttempts must be 1 to 10 and Registry:RetryDelay positive.")
            .Validate(
                options => options.CircuitBreakerFailureRatio is > 0 and <= 1
                    && options.CircuitBreakerMinimumThroughput >= 2
                    && options.CircuitBreakerBreakDuration >= TimeSpan.FromSeconds(1),
                "Registry:CircuitBreakerFailureRatio must be above 0 and at most 1, Registry:CircuitBreakerMinimumThroughput at least 2 and Registry:CircuitBreakerBreakDuration at least 00:00:01.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RegistryTokenCache>();
        // Created only when Registry:UseAzureIdentity is on, so no credential is probed otherwise.
        services.TryAddSingleton(provider => new Lazy<AcrTokenExchange>(() =>
            new AcrTokenExchange(new DefaultAzureCredential(), provider.GetRequiredService<TimeProvider>())));
        services.TryAddTransient<RegistryAuthenticationHandler>();

        var client = services.AddHttpClient<RegistryClient>((provider, http) =>
        {
            var url = provider.GetRequiredService<IOptions<RegistryOptions>>().Value.Url!;
            http.BaseAddress = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
        });
        var settings = configuration.GetSection(RegistryOptions.SectionName).Get<RegistryOptions>() ?? new RegistryOptions();
        client.AddStandardResilienceHandler(resilience =>
        {
            resilience.Retry.MaxRetryAttempts = settings.MaxRetryAttempts;
            resilience.Retry.Delay = settings.RetryDelay;
            resilience.AttemptTimeout.Timeout = TimeSpan.FromSeconds(30);
            resilience.CircuitBreaker.FailureRatio = settings.CircuitBreakerFailureRatio;
            resilience.CircuitBreaker.MinimumThroughput = settings.CircuitBreakerMinimumThroughput;
            resilience.CircuitBreaker.BreakDuration = settings.CircuitBreakerBreakDuration;

            // Polly wants the window to cover at least two attempt timeouts (2 × 30 s).
            resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(60);
            resilience.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(3);
        });
        client.AddHttpMessageHandler<RegistryAuthenticationHandler>();
        return client;
    }
}
