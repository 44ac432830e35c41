namespace Orbit.Tenants.Passwords;

/// <summary>A short-lived registry password for one tenant, and when it stops working.</summary>
public sealed record RegistryPassword(string Password, DateTimeOffset ExpiresAt)
{
    // Never print the password, whoever logs this record.
    public override string ToString() => $"RegistryPassword {{ ExpiresAt = {ExpiresAt:O} }}";
}
