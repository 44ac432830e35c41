using Orbit.Registry.References;

namespace Orbit.Quota.Images;

/// <summary>One planned manifest to delete: the tags the plan expects on it, and why it goes.</summary>
public sealed record DigestDeletionRequest(RepositoryName Repository, Digest Digest, IReadOnlyList<Tag> Tags, string Reason);
