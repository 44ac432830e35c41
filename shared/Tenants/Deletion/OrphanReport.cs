namespace Orbit.Tenants.Deletion;

/// <summary>What a sweep would delete now: every tagged manifest in a repository of a deleted or unknown tenant, with why.</summary>
public sealed record OrphanReport(DateTimeOffset GeneratedAt, int TenantRepositories, IReadOnlyList<ImageDeletionVerdict> Orphans);
