using Orbit.Registry.Manifests;
using Orbit.Registry.References;

namespace Orbit.Registry.Client;

/// <summary>A manifest as the registry has it: its digest, its media type, and the distinct blobs of the image it describes.</summary>
public sealed record RegistryImage(Digest Digest, string MediaType, BlobSet Blobs);
