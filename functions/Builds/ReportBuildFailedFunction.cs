using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Orbit.Functions.Http;

namespace Orbit.Functions.Builds;

/// <summary>
/// <c>POST /api/builds/{id}/failed {"reason"}</c>: the build failed; 202 with <c>Location</c> at the build's status,
/// 400 without a reason, 404 for an unknown build, 410 for a finished one.
/// </summary>
public sealed class ReportBuildFailedFunction(BuildConversation builds)
{
    [Function("ReportBuildFailed")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "builds/{id}/failed")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var id = request.RouteValues["id"] as string;
        var body = await JsonRequestBody.ReadAsync<ReportedFailure>(request, cancellationToken, maxBytes: 4096);
        await builds.ReportFailedAsync(client, id, body.Reason, cancellationToken);
        return Results.Accepted(BuildStatusLocation.Of(request));
    }
}
