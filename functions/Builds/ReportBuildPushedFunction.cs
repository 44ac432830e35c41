using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Orbit.Functions.Http;

namespace Orbit.Functions.Builds;

/// <summary>
/// <c>POST /api/builds/{id}/pushed {"digest"?}</c>: the image is pushed; 202 with <c>Location</c> at the build's status,
/// 400 for a malformed digest, 404 for an unknown build, 410 for a finished one.
/// </summary>
public sealed class ReportBuildPushedFunction(BuildConversation builds)
{
    [Function("ReportBuildPushed")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "builds/{id}/pushed")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var id = request.RouteValues["id"] as string;
        var body = await JsonRequestBody.ReadAsync<ReportedPush>(request, cancellationToken, maxBytes: 4096);
        await builds.ReportPushedAsync(client, id, body.Digest, cancellationToken);
        return Results.Accepted(BuildStatusLocation.Of(request));
    }
}
