using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orbit.Tenants.Deploy;
using Orbit.Tenants.Layout;
using Orbit.Tenants.Passwords;
using Orbit.Tenants.Registration;
using Orbit.Tenants.Signing;
using Orbit.Tenants.Storage;
using Orbit.Tenants.Tokens;

namespace Orbit.Tenants;

public static class TenantsServiceCollectionExtensions
{
    /// <summary>
    /// Tenants (<c>Tenants:*</c>) and the registry token issuer (<c>RegistryAuth:*</c>). Needs a
    /// <see cref="TableServiceClient"/>, a <c>BlobServiceClient</c> and the registry client (<c>AddRegistryClient</c>)
    /// registered too, as the function host and <c>AddRegistryQuota</c> do.
    /// </summary>
    public static IServiceCollection AddTenants(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<TenantsOptions>()
            .Bind(configuration.GetSection(TenantsOptions.SectionName))
            .Validate(options => !string.IsNullOrWhiteSpace(options.Table), "Tenants:Table must name a table.")
            .ValidateOnStart();
        services.AddOptions<RegistryAuthOptions>()
            .Bind(configuration.GetSection(RegistryAuthOptions.SectionName))
            .Validate(options => options.TokenLifetime >= TimeSpan.FromSeconds(30) && options.TokenLifetime <= TimeSpan.FromHours(1), "RegistryAuth:TokenLifetime must be between 00:00:30 and 01:00:00.")
            .Validate(options => options.PasswordLifetime >= TimeSpan.FromMinutes(1) && options.PasswordLifetime <= TimeSpan.FromHours(24), "RegistryAuth:PasswordLifetime must be between 00:01:00 and 24:00:00.")
            .Validate(options => !string.IsNullOrWhiteSpace(options.Issuer) && !string.IsNullOrWhiteSpace(options.Service), "RegistryAuth:Issuer and RegistryAuth:Service must be set (the registry's auth.token issuer and service).")
            .ValidateOnStart();
        services.AddSingleton<TenantImageLayout>();
        services.AddSingleton(provider => new TenantStore(
            provider.GetRequiredService<TableServiceClient>().GetTableClient(provider.GetRequiredService<IOptions<TenantsOptions>>().Value.Table)));
        services.AddSingleton<TokenSigningKeyStore>();
        services.AddSingleton<RegistryTokenIssuer>();
        services.AddSingleton<RegistryPasswords>();
        services.AddTransient<TenantRegistration>();
        services.AddTransient<TenantAuthentication>();
        services.AddTransient<RegistryTokenService>();
        services.AddTransient<TenantDeployment>();
        return services;
    }
}
