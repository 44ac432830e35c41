using Orbit.Registry.Manifests;
using Orbit.Registry.References;

namespace Orbit.Registry.Client;

/// <summary>A fetched manifest: its digest (computed over the bytes, and checked against the registry's), bytes and parsed form.</summary>
public sealed record ManifestContent(Digest Digest, string MediaType, byte[] Bytes, ManifestDocument Document);
