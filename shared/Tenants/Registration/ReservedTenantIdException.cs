namespace Orbit.Tenants.Registration;

/// <summary>The id is the service's own registry username; a tenant of that name could never sign in to the registry.</summary>
public sealed class ReservedTenantIdException(TenantId id)
    : Exception($"'{id}' is reserved: it is the service's own registry username (RegistryAuth:ServiceUsername). Choose another tenant id.");
