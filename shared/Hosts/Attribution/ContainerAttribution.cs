namespace Orbit.Hosts.Attribution;

/// <summary>A container and the user its writable layer counts against; <see cref="User"/> is null when unattributed.</summary>
public sealed record ContainerAttribution(ContainerSnapshot Container, string? User, AttributionSource Source);
