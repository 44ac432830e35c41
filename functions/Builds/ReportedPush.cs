namespace Orbit.Functions.Builds;

/// <summary>The body of <c>POST /api/builds/{id}/pushed</c>; the digest, when given, must be what the tag points at.</summary>
public sealed record ReportedPush(string? Digest = null);
