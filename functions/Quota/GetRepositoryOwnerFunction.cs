using Microsoft.Azure.Functions.Worker;
using Orbit.Functions.Http;
using Orbit.Quota.Repositories;

namespace Orbit.Functions.Quota;

/// <summary><c>GET /api/internal/repository-owners/{repository}</c>: the workspace and app a repository belongs to, and whether by an admin's mapping or the convention; 404 when none.</summary>
public sealed class GetRepositoryOwnerFunction(RepositoryOwners owners)
{
    [Function("GetRepositoryOwner")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "internal/repository-owners/{*repository}")] HttpRequest request, CancellationToken cancellationToken)
    {
        var repository = QuotaProblems.RepositoryFrom(request.RouteValues["repository"] as string);
        var owner = await owners.FindAsync(repository, cancellationToken)
            ?? throw ProblemException.NotFound(owners.Tenants.Contains(repository)
                ? $"{repository} is a tenant repository: it belongs to its tenant, never to a workspace."
                : $"No workspace owns {repository}: it is not under a workspace id's path and no admin has mapped it.");
        return Results.Ok(RepositoryOwnerResponse.From(repository, owner));
    }
}
