namespace Orbit.Functions.Builds;

/// <summary>The build system's event when the build failed.</summary>
public sealed record BuildFailed(string? Reason = null);
