using Orbit.Functions.Quota;

namespace Orbit.Functions.Builds;

/// <summary>The build orchestration's output: the cleanup (with its build log), the tracked image, and the workspace's usage and level after it.</summary>
public sealed record BuildResult(CleanupSummary? Cleanup, ImageResponse? Image, UsageResponse? UsageAfter, string? Level, string? Digest);
