namespace Orbit.Tenants.Registration;

public enum TenantState
{
    Active,

    /// <summary>Kept as a tombstone: the id is not reused, and nothing authenticates as it any more.</summary>
    Deleted,
}
