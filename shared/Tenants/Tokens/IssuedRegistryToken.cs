namespace Orbit.Tenants.Tokens;

/// <summary>A signed registry token, how many seconds it is good for, and when it was issued.</summary>
public sealed record IssuedRegistryToken(string Token, int ExpiresIn, DateTimeOffset IssuedAt);
