namespace Orbit.Registry.Manifests;

public sealed class InvalidManifestException(string message) : Exception(message);
