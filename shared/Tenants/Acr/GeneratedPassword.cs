namespace Orbit.Tenants.Acr;

/// <summary>One password of a <see cref="GeneratedCredentials"/>.</summary>
internal sealed record GeneratedPassword(string? Name, string? Value, DateTimeOffset? Expiry)
{
    public override string ToString() => $"GeneratedPassword {{ Name = {Name}, Expiry = {Expiry:O} }}";
}
