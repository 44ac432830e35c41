using Orbit.Registry.References;
using Orbit.Tenants.Registration;

namespace Orbit.Tenants.Deletion;

/// <summary>What one deletion work item did: the manifests it deleted and those it had to keep, each with why.</summary>
public sealed record TenantImageDeletionResult(TenantId Tenant, RepositoryName Repository, IReadOnlyList<ImageDeletionVerdict> Deleted, IReadOnlyList<ImageDeletionVerdict> Kept);
