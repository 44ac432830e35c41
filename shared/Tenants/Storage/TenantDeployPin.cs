using Orbit.Registry.References;

namespace Orbit.Tenants.Storage;

/// <summary>A tenant's last deploy as the service resolved it: the image asked for and the digest it was pinned to, and when.</summary>
public sealed record TenantDeployPin(string Image, Digest Digest, string Pinned, DateTimeOffset DeployedAt);
