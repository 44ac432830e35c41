namespace Orbit.Tenants.Registration;

/// <summary>The tenant was deleted; its id is not reused (pending deletions of its image must not hit a new tenant).</summary>
public sealed class TenantDeletedException(TenantId id, DateTimeOffset? deletedAt)
    : Exception($"Tenant '{id}' was deleted{(deletedAt is { } at ? $" at {at:O}" : string.Empty)}; tenant ids are not reused, so choose another id.")
{
    public TenantId Id { get; } = id;
}
