namespace Orbit.Benchmarks.RegistryUsage;

/// <summary>The part of <c>GET /api/internal/workspaces/{id}/registry-usage</c> the benchmark checks.</summary>
internal sealed record UsageResponse(string WorkspaceId, long CurrentBytes, long QuotaBytes, int ImageCount);
