using Orbit.Registry.References;

namespace Orbit.Tenants.Deletion;

/// <summary>Whether one manifest of a tenant repository may be deleted by digest, and why.</summary>
public sealed record ImageDeletionVerdict(RepositoryName Repository, RepositoryOwner Owner, TaggedImage Image, bool Delete, string Reason);
