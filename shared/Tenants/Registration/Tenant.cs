using Orbit.Registry.References;

namespace Orbit.Tenants.Registration;

/// <summary>A tenant as stored: never its key, only the key's SHA-256.</summary>
public sealed record Tenant(
    TenantId Id,
    TenantState State,
    RepositoryName Repository,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeletedAt,
    TenantKeyHash KeyHash)
{
    public bool IsActive => State == TenantState.Active;
}
