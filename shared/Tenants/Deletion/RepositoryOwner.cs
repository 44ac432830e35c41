using Orbit.Tenants.Registration;

namespace Orbit.Tenants.Deletion;

/// <summary>The tenant a repository belongs to (<c>TenantImageLayout.TenantOf</c>) and its state, read from the tenants table.</summary>
public sealed record RepositoryOwner(TenantId Tenant, RepositoryOwnerState State, DateTimeOffset? DeletedAt)
{
    public bool MayLoseImages => State != RepositoryOwnerState.Active;

    public string StateName => State.ToString().ToLowerInvariant();

    /// <summary>Why the images may go, or why they must stay, in words for the log and the report.</summary>
    public string Reason => State switch
    {
        RepositoryOwnerState.Deleted => $"tenant {Tenant} was deleted{(DeletedAt is { } at ? $" at {at:O}" : string.Empty)}",
        RepositoryOwnerState.Unknown => $"no tenant {Tenant} is registered",
        _ => $"tenant {Tenant} is active",
    };
}
