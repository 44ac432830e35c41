using Microsoft.Azure.Functions.Worker;
using Orbit.Functions.Http;
using Orbit.Quota.Storage;

namespace Orbit.Functions.Quota;

/// <summary><c>GET /api/internal/workspaces/{id}/registry-images?pageSize=&amp;continuationToken=</c>: images oldest push first, every one reachable by paging.</summary>
public sealed class ListRegistryImagesFunction(UsageStore store)
{
    private const int MaxPageSize = 1000;

    [Function("ListRegistryImages")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "internal/workspaces/{id}/registry-images")] HttpRequest request, CancellationToken cancellationToken)
    {
        var id = QuotaProblems.WorkspaceIdFrom(request.RouteValues["id"] as string);
        var pageSizeText = request.Query["pageSize"].ToString();
        var pageSize = 100;
        if (pageSizeText.Length > 0 && (!int.TryParse(pageSizeText, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            throw ProblemException.BadRequest($"pageSize must be a whole number from 1 to {MaxPageSize}.");
        }

        if (await store.GetUsageAsync(id, cancellationToken) is null)
        {
            throw new UnknownWorkspaceException(id);
        }

        var token = request.Query["continuationToken"].ToString();
        var page = await store.ListImagesAsync(id, pageSize, token.Length > 0 ? token : null, cancellationToken);
        return Results.Ok(new { images = page.Images.Select(ImageResponse.From), continuationToken = page.ContinuationToken });
    }
}
