using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Orbit.Functions.Hosting;
using Orbit.Quota.History;
using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Builds;

/// <summary>
/// <c>GET /api/builds/{id}</c>: the build's status as the Durable management API gives it (<c>runtimeStatus</c>,
/// <c>customStatus</c> with the phase and build log, <c>output</c>), with nothing but a function key. A cleanup is whole
/// here: its deletions and its whole log come from the workspace's cleanup history, which the bounded status (16 KB in
/// Durable Functions) cannot carry.
/// </summary>
public sealed class GetBuildFunction(CleanupHistory history)
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

        var input = Json(build.SerializedInput);
        return Results.Ok(new
        {
            name = build.Name,
            instanceId = build.InstanceId,
            runtimeStatus = build.RuntimeStatus.ToString(),
            input,
            customStatus = await WithHistoryAsync(Json(build.SerializedCustomStatus), input, build.InstanceId, cancellationToken),
            output = build.RuntimeStatus == OrchestrationRuntimeStatus.Failed && build.FailureDetails is { } failure ? failure.ErrorMessage : Json(build.SerializedOutput),
            createdTime = build.CreatedAt,
            lastUpdatedTime = build.LastUpdatedAt,
        });
    }

    private async Task<JsonNode?> WithHistoryAsync(JsonNode? status, JsonNode? input, string buildId, CancellationToken cancellationToken)
    {
        if (status?["cleanup"] is not JsonObject cleanup)
        {
            return status;
        }

        var record = cleanup["planned"]?.GetValue<int>() is > 0 && WorkspaceId.TryParse(input?["workspaceId"]?.GetValue<string>(), out var workspace)
            ? await history.GetAsync(workspace, buildId, cancellationToken)
            : null;
        cleanup["deletions"] = JsonSerializer.SerializeToNode(record?.Deletions ?? [], AppJson.Options);
        if (record is not null)
        {
            status["buildLog"] = JsonSerializer.SerializeToNode(record.BuildLog, AppJson.Options);
        }

        return status;
    }

    // A terminated instance's output is its reason as plain text, not JSON: that is returned as a string.
    private static JsonNode? Json(string? serialized)
    {
        if (serialized is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(serialized);
        }
        catch (JsonException)
        {
            return JsonValue.Create(serialized);
        }
    }
}
