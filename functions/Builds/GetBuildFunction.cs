using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Orbit.Functions.Builds;

/// <summary><c>GET /api/builds/{id}</c>: the build's status (200), 400 for a malformed id, 404 for an id that is no build.</summary>
public sealed class GetBuildFunction(BuildConversation builds)
{
    [Function("GetBuild")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "builds/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var build = await builds.GetAsync(client, request.RouteValues["id"] as string, cancellationToken);
        if (build.RuntimeStatus is "Pending" or "Running")
        {
            request.HttpContext.Response.Headers.RetryAfter = ((int)CheckStatusResponse.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Results.Ok(build);
    }
}
