namespace Orbit.Functions.Builds;

/// <summary>The body of <c>POST /api/builds/{id}/failed</c>.</summary>
public sealed record ReportedFailure(string? Reason = null);
