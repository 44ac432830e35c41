namespace Orbit.Functions.Builds;

/// <summary>A finished cleanup and the lines it adds to the build log.</summary>
public sealed record ReportedCleanup(CleanupSummary Summary, IReadOnlyList<string> BuildLog);
