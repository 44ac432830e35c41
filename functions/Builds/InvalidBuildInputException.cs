namespace Orbit.Functions.Builds;

/// <summary>The build's input cannot be built; the instance fails at once with this reason, before any check or cleanup.</summary>
public sealed class InvalidBuildInputException(string reason) : Exception($"The build's input is invalid: {reason}");
