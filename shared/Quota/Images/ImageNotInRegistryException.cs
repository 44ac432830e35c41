using Orbit.Registry.References;

namespace Orbit.Quota.Images;

public sealed class ImageNotInRegistryException(RepositoryName repository, ManifestReference reference)
    : Exception($"{repository}:{reference} is not in the registry (or one of its platform manifests is missing).");
