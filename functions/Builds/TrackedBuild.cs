using Orbit.Functions.Quota;

namespace Orbit.Functions.Builds;

/// <summary>The tracked image and the workspace's usage after it.</summary>
public sealed record TrackedBuild(ImageResponse Image, UsageResponse UsageAfter);
