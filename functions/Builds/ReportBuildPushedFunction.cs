using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Orbit.Functions.Http;
using Orbit.Functions.Quota;

namespace Orbit.Functions.Builds;

/// <summary>
/// <c>POST /api/builds/{id}/pushed</c> <c>{"digest"?}</c>: the build system's word that the image is pushed; 202, and the
/// build tracks the image. 400 for a malformed digest, 404 for an unknown build, 410 for a finished one.
/// </summary>
public sealed class ReportBuildPushedFunction
{
    [Function("ReportBuildPushed")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "builds/{id}/pushed")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var body = request.ContentLength is 0 ? new ReportBuildPushedRequest() : await JsonRequestBody.ReadAsync<ReportBuildPushedRequest>(request, cancellationToken, maxBytes: 1024);
        var pushed = new ImagePushed(QuotaProblems.OptionalDigestFrom(body.Digest));
        var build = await BuildInstances.GetAsync(client, request.RouteValues["id"] as string, withData: false, cancellationToken);
        BuildInstances.EnsureRunning(build);
        await client.RaiseEventAsync(build.InstanceId, BuildOrchestrator.ImagePushedEvent, pushed, cancellationToken);
        return Results.Accepted($"/api/builds/{build.InstanceId}");
    }
}
