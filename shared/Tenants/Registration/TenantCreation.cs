namespace Orbit.Tenants.Registration;

/// <summary>What creating a tenant did; <see cref="Key"/> is the new key, present only when one was made.</summary>
public sealed record TenantCreation(Tenant Tenant, string? Key, TenantCreationOutcome Outcome);
