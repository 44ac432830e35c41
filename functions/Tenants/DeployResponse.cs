namespace Orbit.Functions.Tenants;

/// <summary>The image as asked, the digest it resolves to now, and the reference pinned to that digest, to deploy.</summary>
public sealed record DeployResponse(string Image, string Digest, string Pinned);
