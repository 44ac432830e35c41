using Orbit.Registry.References;

namespace Orbit.Quota.Images;

public sealed class TagMovedException(RepositoryName repository, Tag tag, Digest expected, Digest actual)
    : Exception($"{repository}:{tag} points at {actual} in the registry, not at {expected}; track it again without a digest, or with the current one.");
