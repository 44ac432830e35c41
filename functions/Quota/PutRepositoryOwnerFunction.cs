using Microsoft.Azure.Functions.Worker;
using Orbit.Functions.Http;
using Orbit.Quota.Repositories;

namespace Orbit.Functions.Quota;

/// <summary>
/// <c>PUT /api/internal/repository-owners/{repository}</c> (admin key) <c>{workspaceId, appId}</c>: maps a repository to a
/// workspace and app, for repositories outside the <c>&lt;workspace&gt;/…</c> convention or an app other than the last path
/// segment. 201 new, 200 already so or app changed; 409 naming the owner when another workspace owns it, 409 when tracked
/// images would change app; 403 for a tenant repository; 404 for an unknown workspace.
/// </summary>
public sealed class PutRepositoryOwnerFunction(RepositoryOwners owners)
{
    [Function("PutRepositoryOwner")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "put", Route = "internal/repository-owners/{*repository}")] HttpRequest request, CancellationToken cancellationToken)
    {
        var repository = QuotaProblems.RepositoryFrom(request.RouteValues["repository"] as string);
        var body = await JsonRequestBody.ReadAsync<PutRepositoryOwnerRequest>(request, cancellationToken, maxBytes: 1024);
        var owner = new RepositoryOwner(QuotaProblems.WorkspaceIdFrom(body.WorkspaceId), QuotaProblems.AppIdFrom(body.AppId), Mapped: true);
        var created = await owners.MapAsync(repository, owner, cancellationToken);
        var response = RepositoryOwnerResponse.From(repository, owner);
        return created ? Results.Created($"/api/internal/repository-owners/{repository}", response) : Results.Ok(response);
    }
}
