namespace Orbit.Hosts.Attribution;

/// <summary>One layer of an image: its id (digest) identifies it across images that share it.</summary>
public sealed record LayerSnapshot(string Id, long Size);
