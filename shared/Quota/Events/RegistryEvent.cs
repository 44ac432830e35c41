using Orbit.Registry.References;

namespace Orbit.Quota.Events;

/// <summary>
/// A manifest pushed (with a tag, at a digest) or deleted (by digest, or a tag), as the registry reported it, with the
/// registry's timestamp when it gave one.
/// </summary>
public sealed record RegistryEvent(RegistryEventAction Action, RepositoryName Repository, Tag? Tag, Digest? Digest, DateTimeOffset? Timestamp = null);

public enum RegistryEventAction
{
    Push,
    Delete,
}
