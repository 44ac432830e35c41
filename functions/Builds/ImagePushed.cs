using Orbit.Registry.References;

namespace Orbit.Functions.Builds;

/// <summary>The build system's event once the image is pushed; the digest, when given, must be what the tag points at.</summary>
public sealed record ImagePushed(Digest? Digest = null);
