using Orbit.Tenants.Registration;

namespace Orbit.Tenants.Storage;

/// <summary>A tenant as an overview lists it: the tenant and its last deploy's pin, when it has deployed.</summary>
public sealed record ListedTenant(Tenant Tenant, TenantDeployPin? LastDeploy);
