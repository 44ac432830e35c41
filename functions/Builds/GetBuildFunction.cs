using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Orbit.Functions.Builds;

/// <summary>
/// <c>GET /api/builds/{id}</c>: the build's status as the Durable management API gives it (<c>runtimeStatus</c>,
/// <c>customStatus</c> with the phase and build log, <c>output</c>), with nothing but a function key.
/// </summary>
public sealed class GetBuildFunction
{
    [Function("GetBuild")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "builds/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var build = await BuildInstances.GetAsync(client, request.RouteValues["id"] as string, withData: true, cancellationToken);
        if (!build.IsCompleted)
        {
            request.HttpContext.Response.Headers.RetryAfter = ((int)CheckStatusResponse.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Results.Ok(new
        {
            name = build.Name,
            instanceId = build.InstanceId,
            runtimeStatus = build.RuntimeStatus.ToString(),
            input = Json(build.SerializedInput),
            customStatus = Json(build.SerializedCustomStatus),
            output = build.RuntimeStatus == OrchestrationRuntimeStatus.Failed ? (object?)build.FailureDetails?.ErrorMessage : Json(build.SerializedOutput),
            createdTime = build.CreatedAt,
            lastUpdatedTime = build.LastUpdatedAt,
        });
    }

    private static JsonElement? Json(string? serialized) => serialized is null ? null : JsonDocument.Parse(serialized).RootElement.Clone();
}
