namespace Orbit.Functions.Hosts;

/// <summary>The body of <c>GET /api/hosts</c>.</summary>
public sealed record HostListResponse(IReadOnlyList<HostListItem> Hosts);
