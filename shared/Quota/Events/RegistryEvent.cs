using Orbit.Registry.References;

namespace Orbit.Quota.Events;

/// <summary>A manifest pushed (with a tag) or deleted (by digest, or a tag), as the registry reported it.</summary>
public sealed record RegistryEvent(RegistryEventAction Action, RepositoryName Repository, Tag? Tag, Digest? Digest);

public enum RegistryEventAction
{
    Push,
    Delete,
}
