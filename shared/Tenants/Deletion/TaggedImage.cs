using Orbit.Registry.References;

namespace Orbit.Tenants.Deletion;

/// <summary>A manifest of one repository and every tag of that repository pointing at it.</summary>
public sealed record TaggedImage(Digest Digest, IReadOnlyList<Tag> Tags);
