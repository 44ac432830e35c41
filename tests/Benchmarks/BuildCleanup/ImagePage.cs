namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>One page of <c>GET /api/internal/workspaces/{id}/registry-images</c>.</summary>
internal sealed record ImagePage(IReadOnlyList<TrackedImage> Images, string? ContinuationToken);
