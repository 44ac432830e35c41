using Microsoft.Azure.Functions.Worker.Builder;
using Orbit.Functions.Http;
using Orbit.ServiceBus;
using Orbit.Tenants;

namespace Orbit.Functions.Tenants;

public static class TenantsFeature
{
    /// <summary>
    /// Tenants and their registry credentials (<c>Tenants:*</c>, <c>RegistryAuth:*</c>), the problems their failures become,
    /// and, where <c>ServiceBus:Entity</c> is set, the tenant lifecycle events from Service Bus.
    /// </summary>
    public static FunctionsApplicationBuilder AddTenants(this FunctionsApplicationBuilder builder)
    {
        // With the service as the registry's token issuer, its own registry calls sign in as the service identity unless
        // Registry:Username says otherwise.
        builder.Configuration.AddInMemoryCollection(RegistryServiceIdentity.RegistryClientSettings(builder.Configuration).ToList());
        builder.Services.AddTenants(builder.Configuration);
        builder.Services.AddSingleton<ProblemMap>(TenantProblems.From);
        if (!string.IsNullOrEmpty(builder.Configuration[$"{ServiceBusOptions.SectionName}:{nameof(ServiceBusOptions.Entity)}"]))
        {
            builder.Services.AddServiceBusTrigger<TenantEventsFunction>(builder.Configuration, "TenantEvents");
        }

        return builder;
    }
}
