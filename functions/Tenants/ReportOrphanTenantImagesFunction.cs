using Microsoft.Azure.Functions.Worker;
using Orbit.Functions.Http;
using Orbit.Tenants.Deletion;

namespace Orbit.Functions.Tenants;

/// <summary><c>GET /api/tenants/orphans</c> (admin key): the sweep's dry run, what it would delete now and why. Deletes nothing.</summary>
public sealed class ReportOrphanTenantImagesFunction(OrphanSweep sweep)
{
    [Function("ReportOrphanTenantImages")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "tenants/orphans")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.Query.Count > 0)
        {
            throw ProblemException.BadRequest($"This endpoint takes no query parameters (got {string.Join(", ", request.Query.Keys.Order(StringComparer.Ordinal))}); it always reports every orphan.");
        }

        return Results.Ok(OrphanReportResponse.From(await sweep.ReportAsync(cancellationToken)));
    }
}
