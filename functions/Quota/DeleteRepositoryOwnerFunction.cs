using Microsoft.Azure.Functions.Worker;
using Orbit.Functions.Http;
using Orbit.Quota.Repositories;

namespace Orbit.Functions.Quota;

/// <summary>
/// <c>DELETE /api/internal/repository-owners/{repository}</c> (admin key): deletes an admin's mapping, leaving the repository
/// to the convention; 204; 404 when there is none; 409 while the mapped workspace tracks images of it that would change owner.
/// </summary>
public sealed class DeleteRepositoryOwnerFunction(RepositoryOwners owners)
{
    [Function("DeleteRepositoryOwner")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "delete", Route = "internal/repository-owners/{*repository}")] HttpRequest request, CancellationToken cancellationToken)
    {
        await owners.UnmapAsync(QuotaProblems.RepositoryFrom(request.RouteValues["repository"] as string), cancellationToken);
        return Results.NoContent();
    }
}
