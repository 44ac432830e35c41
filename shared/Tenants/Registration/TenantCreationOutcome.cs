namespace Orbit.Tenants.Registration;

public enum TenantCreationOutcome
{
    Created,

    /// <summary>The tenant was already active; its key is unchanged and not shown again.</summary>
    AlreadyExists,

    /// <summary>The tenant was already active and, as asked, has a new key; the old one no longer works.</summary>
    KeyRotated,
}
