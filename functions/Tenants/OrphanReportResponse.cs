using Orbit.Tenants.Deletion;

namespace Orbit.Functions.Tenants;

/// <summary>The dry-run report as the API shows it.</summary>
public sealed record OrphanReportResponse(DateTimeOffset GeneratedAt, int TenantRepositories, IReadOnlyList<OrphanImageResponse> Orphans)
{
    public static OrphanReportResponse From(OrphanReport report) => new(
        report.GeneratedAt,
        report.TenantRepositories,
        report.Orphans.Select(OrphanImageResponse.From).ToList());
}
