using Orbit.Hosts.Attribution;

namespace Orbit.HostAgent.Docker;

/// <summary>One read of the engine: the listings and the events up to <see cref="ListedAt"/>.</summary>
public sealed record DockerSnapshot(
    IReadOnlyList<ContainerSnapshot> Containers,
    IReadOnlyList<ImageSnapshot> Images,
    IReadOnlyList<HostEvent> Events,
    DateTimeOffset ListedAt);
