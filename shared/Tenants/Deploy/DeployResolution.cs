using Orbit.Registry.References;
using Orbit.Tenants.Images;

namespace Orbit.Tenants.Deploy;

/// <summary>The image a tenant asked to deploy, the digest it resolves to now, and the reference pinned to that digest.</summary>
public sealed record DeployResolution(ImageReference Image, Digest Digest, ImageReference Pinned);
