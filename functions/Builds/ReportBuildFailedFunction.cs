using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Orbit.Functions.Http;

namespace Orbit.Functions.Builds;

/// <summary>
/// <c>POST /api/builds/{id}/failed</c> <c>{"reason"}</c>: the build system's word that the build failed; 202, and the build
/// fails with the reason. 400 without a reason, 404 for an unknown build, 410 for a finished one.
/// </summary>
public sealed class ReportBuildFailedFunction
{
    private const int MaxReasonLength = 2000;

    [Function("ReportBuildFailed")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "builds/{id}/failed")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var body = await JsonRequestBody.ReadAsync<ReportBuildFailedRequest>(request, cancellationToken, maxBytes: 4096);
        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > MaxReasonLength)
        {
            throw ProblemException.BadRequest($"reason is required: what went wrong, in at most {MaxReasonLength} characters.");
        }

        var build = await BuildInstances.GetAsync(client, request.RouteValues["id"] as string, withData: false, cancellationToken);
        BuildInstances.EnsureRunning(build);
        await client.RaiseEventAsync(build.InstanceId, BuildOrchestrator.BuildFailedEvent, new BuildFailed(body.Reason), cancellationToken);
        return Results.Accepted($"/api/builds/{build.InstanceId}");
    }
}
