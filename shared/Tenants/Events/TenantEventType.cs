namespace Orbit.Tenants.Events;

/// <summary>The tenant lifecycle events the platform publishes.</summary>
public enum TenantEventType
{
    TenantCreated,
    TenantDeleted,
}
