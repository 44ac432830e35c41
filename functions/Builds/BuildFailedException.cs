namespace Orbit.Functions.Builds;

/// <summary>The build system said the build failed; the instance fails with its reason.</summary>
public sealed class BuildFailedException(string message) : Exception(message);
