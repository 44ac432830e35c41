using Orbit.Registry.References;

namespace Orbit.Registry.Manifests;

/// <summary>A reference to content in the registry: its type, digest and size in bytes.</summary>
public sealed record Descriptor(string MediaType, Digest Digest, long Size);
