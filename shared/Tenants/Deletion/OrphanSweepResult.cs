namespace Orbit.Tenants.Deletion;

/// <summary>What one sweep run deleted, and how many orphans it left for the next run because of its deletion budget.</summary>
public sealed record OrphanSweepResult(int TenantRepositories, IReadOnlyList<ImageDeletionVerdict> Deleted, int Deferred);
