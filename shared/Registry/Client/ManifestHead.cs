using Orbit.Registry.References;

namespace Orbit.Registry.Client;

/// <summary>What a manifest HEAD tells: the digest the reference resolves to, its media type and size.</summary>
public sealed record ManifestHead(Digest Digest, string MediaType, long Size);
