namespace Orbit.Tenants.Deletion;

/// <summary>What the tenants table says about the tenant a repository belongs to.</summary>
public enum RepositoryOwnerState
{
    Active,
    Deleted,

    /// <summary>No tenant with that id was ever registered.</summary>
    Unknown,
}
