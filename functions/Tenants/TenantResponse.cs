using Orbit.Tenants.Layout;
using Orbit.Tenants.Registration;

namespace Orbit.Functions.Tenants;

/// <summary>A tenant as the API shows it; <c>key</c> only in the answer that created it (or rotated it), never again.</summary>
public sealed record TenantResponse(string Id, string State, string? Key, string Repository, string Image, DateTimeOffset CreatedAt, DateTimeOffset? DeletedAt)
{
    public static TenantResponse From(Tenant tenant, string? key, TenantImageLayout layout) => new(
        tenant.Id.Value,
        tenant.State.ToString().ToLowerInvariant(),
        key,
        tenant.Repository.Value,
        layout.ImageFor(tenant.Id).ToString(),
        tenant.CreatedAt,
        tenant.DeletedAt);
}
