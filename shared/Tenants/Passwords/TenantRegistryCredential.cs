namespace Orbit.Tenants.Passwords;

/// <summary>What a tenant needs for <c>docker login</c> and push: good until <see cref="ExpiresAt"/>, for <see cref="Repository"/> only.</summary>
public sealed record TenantRegistryCredential(string Registry, string Username, string Password, string Repository, string Tag, DateTimeOffset ExpiresAt)
{
    // Never print the password, whoever logs this record.
    public override string ToString() =>
        $"TenantRegistryCredential {{ Registry = {Registry}, Username = {Username}, Repository = {Repository}, Tag = {Tag}, ExpiresAt = {ExpiresAt:O} }}";
}
