using Microsoft.Azure.Functions.Worker;
using Orbit.Functions.Http;
using Orbit.Tenants.Deletion;
using Orbit.Tenants.Layout;

namespace Orbit.Functions.Tenants;

/// <summary>
/// <c>DELETE /api/tenants/{id}</c> (admin key): marks the tenant deleted and queues the deletion of its images (200, also
/// when it already was, queueing again); 404 for an unknown tenant, with nothing written.
/// </summary>
public sealed class DeleteTenantFunction(TenantDeletion deletion, TenantImageLayout layout)
{
    [Function("DeleteTenant")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "delete", Route = "tenants/{id}")] HttpRequest request, CancellationToken cancellationToken)
    {
        var id = TenantProblems.TenantIdFrom(request.RouteValues["id"] as string);
        var tenant = await deletion.DeleteAsync(id, cancellationToken)
            ?? throw ProblemException.NotFound($"There is no tenant '{id}'.");
        return Results.Ok(TenantResponse.From(tenant, null, layout));
    }
}
