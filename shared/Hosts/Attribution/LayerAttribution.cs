namespace Orbit.Hosts.Attribution;

/// <summary>A distinct layer on the host (counted once however many images share it) and its owner; null when unattributed.</summary>
public sealed record LayerAttribution(string LayerId, long Size, string? User);
