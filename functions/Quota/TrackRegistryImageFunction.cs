using Microsoft.Azure.Functions.Worker;
using Orbit.Functions.Http;
using Orbit.Quota.Images;
using Orbit.Quota.Repositories;

namespace Orbit.Functions.Quota;

/// <summary>
/// <c>POST /api/internal/registry-images</c>: tracks a pushed image by workspace, repository and tag,
/// resolving its digest and exact size from the registry. 201 when new, 200 when updated or already tracked.
/// The workspace and app given become the repository's explicit mapping, for the registry's own events.
/// </summary>
public sealed class TrackRegistryImageFunction(ImageTracker tracker, RepositoryOwners owners)
{
    [Function("TrackRegistryImage")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "internal/registry-images")] HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await JsonRequestBody.ReadAsync<TrackRegistryImageRequest>(request, cancellationToken, maxBytes: 4096);
        var workspace = QuotaProblems.WorkspaceIdFrom(body.WorkspaceId);
        var appId = QuotaProblems.AppIdFrom(body.AppId);
        var repository = QuotaProblems.RepositoryFrom(body.Repository);
        var tag = QuotaProblems.TagFrom(body.Tag);
        var digest = QuotaProblems.OptionalDigestFrom(body.Digest);
        var outcome = await tracker.TrackAsync(workspace, appId, repository, tag, digest, cancellationToken);
        await owners.SetAsync(repository, new RepositoryOwner(workspace, appId), cancellationToken);
        var image = ImageResponse.From(outcome.Image);
        return outcome.Created ? Results.Created($"/api/internal/registry-images/{image.Id}", image) : Results.Ok(image);
    }
}
