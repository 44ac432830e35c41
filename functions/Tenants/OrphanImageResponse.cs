using Orbit.Tenants.Deletion;

namespace Orbit.Functions.Tenants;

/// <summary>One manifest the sweep would delete: where, whose, the tags it would take along, and why.</summary>
public sealed record OrphanImageResponse(string Repository, string Tenant, string TenantState, string Digest, IReadOnlyList<string> Tags, string Reason)
{
    public static OrphanImageResponse From(ImageDeletionVerdict verdict) => new(
        verdict.Repository.Value,
        verdict.Owner.Tenant.Value,
        verdict.Owner.StateName,
        verdict.Image.Digest.Value,
        verdict.Image.Tags.Select(tag => tag.Value).ToList(),
        verdict.Reason);
}
