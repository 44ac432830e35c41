using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orbit.Storage;
using Orbit.Tenants.Acr;
using Orbit.Tenants.Deletion;
using Orbit.Tenants.Deploy;
using Orbit.Tenants.Events;
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
    /// Tenants (<c>Tenants:*</c>), the registry token issuer (<c>RegistryAuth:*</c>) and, with <c>Tenants:RegistryKind</c>
    /// <c>Acr</c>, ACR scope-map tokens (<c>Tenants:Acr:*</c>) in its place for tenant credentials. Needs a
    /// <see cref="TableServiceClient"/>, a <c>BlobServiceClient</c> and the registry client (<c>AddRegistryClient</c>)
    /// registered too, as <c>AddStorageAccount</c> and <c>AddRegistryQuota</c> do, and a <c>QueueSender</c>
    /// (<c>AddStorageAccount</c>) for the deletion work items.
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
        services.AddOptions<TenantDeletionOptions>()
            .Bind(configuration.GetSection(TenantDeletionOptions.SectionName))
            .Validate(options => QueueNames.IsValid(options.DeletionQueue), "Tenants:DeletionQueue must be a queue name: 3 to 63 lowercase letters, digits and single hyphens.")
            .Validate(options => options.OrphanSweepMaxDeletions >= 1, "Tenants:OrphanSweepMaxDeletions must be at least 1.")
            .Validate(options => options.OrphanSweepDeletionsPerSecond is >= 0.01 and <= 1000, "Tenants:OrphanSweepDeletionsPerSecond must be between 0.01 and 1000.")
            .ValidateOnStart();
        services.AddSingleton<TenantImageLayout>();
        services.AddSingleton(provider => new TenantStore(
            provider.GetRequiredService<TableServiceClient>().GetTableClient(provider.GetRequiredService<IOptions<TenantsOptions>>().Value.Table)));
        services.AddSingleton<TokenSigningKeyStore>();
        services.AddSingleton<RegistryTokenIssuer>();
        services.AddSingleton<RegistryPasswords>();
        services.AddTransient<IssuerRegistryCredentials>();
        services.AddAcrTenantTokens(configuration);
        services.AddTransient<ITenantRegistryCredentials>(provider =>
            provider.GetRequiredService<IOptions<TenantsOptions>>().Value.RegistryKind == RegistryKind.Acr
                ? provider.GetRequiredService<AcrTenantTokens>()
                : provider.GetRequiredService<IssuerRegistryCredentials>());
        services.AddTransient<TenantRegistration>();
        services.AddTransient<TenantAuthentication>();
        services.AddTransient<RegistryTokenService>();
        services.AddTransient<TenantDeployment>();
        services.AddTransient<TenantDeletion>();
        services.AddTransient<TenantRepositoryImages>();
        services.AddTransient<TenantImageDeleter>();
        services.AddTransient<OrphanSweep>();
        services.AddTransient<TenantEventHandler>();
        return services;
    }
}
