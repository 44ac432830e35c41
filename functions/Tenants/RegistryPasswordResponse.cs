namespace Orbit.Functions.Tenants;

/// <summary>What a tenant needs for <c>docker login</c> and <c>docker push</c>: the password is good until <c>expiresAt</c>, for this repository only.</summary>
public sealed record RegistryPasswordResponse(string Registry, string Username, string Password, string Repository, string Tag, DateTimeOffset ExpiresAt);
