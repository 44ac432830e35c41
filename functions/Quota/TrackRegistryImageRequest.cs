namespace Orbit.Functions.Quota;

/// <summary>The body of <c>POST /api/internal/registry-images</c>; the digest, when given, must be what the tag points at.</summary>
public sealed record TrackRegistryImageRequest(string WorkspaceId, string AppId, string Repository, string Tag, string? Digest = null);
