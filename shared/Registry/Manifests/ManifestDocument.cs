namespace Orbit.Registry.Manifests;

/// <summary>A parsed manifest: an image manifest (config and layers) or an index of manifests.</summary>
public abstract record ManifestDocument(string MediaType);

public sealed record ImageManifest(string MediaType, Descriptor Config, IReadOnlyList<Descriptor> Layers) : ManifestDocument(MediaType);

public sealed record ImageIndex(string MediaType, IReadOnlyList<Descriptor> Manifests) : ManifestDocument(MediaType);
