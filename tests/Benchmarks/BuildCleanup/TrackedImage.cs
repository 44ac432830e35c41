namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>An image record as <c>GET /api/internal/workspaces/{id}/registry-images</c> lists it (oldest push first).</summary>
internal sealed record TrackedImage(string Id, string AppId, string Repository, string Tag, string Digest, DateTimeOffset PushedAt);
