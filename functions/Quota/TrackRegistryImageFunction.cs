using Microsoft.Azure.Functions.Worker;
using Orbit.Functions.Http;
using Orbit.Quota.Images;
using Orbit.Quota.Storage;

namespace Orbit.Functions.Quota;

/// <summary>
/// <c>POST /api/internal/registry-images</c>: tracks a pushed image by workspace, repository and tag, resolving its digest
/// and exact size from the registry. 201 when new, 200 when updated or already tracked; 403 or 409 (naming the rule) when
/// the workspace does not own the repository or the app is not the repository's.
/// </summary>
public sealed class TrackRegistryImageFunction(ImageTracker tracker, UsageStore store)
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
        var image = ImageResponse.From(await store.SummarizeAsync(outcome, cancellationToken));
        return outcome.Created ? Results.Created($"/api/internal/registry-images/{image.Id}", image) : Results.Ok(image);
    }
}
