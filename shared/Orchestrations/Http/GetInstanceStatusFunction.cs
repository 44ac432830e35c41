using Microsoft.AspNetCore.Http;
using Orbit.FunctionHost.Http;
using Orbit.Orchestrations.Client;

namespace Orbit.Orchestrations.Http;

/// <summary>
/// <c>GET /runtime/webhooks/durabletask/instances/{instanceId}</c>: 202 while pending or running, 200 once
/// finished, 404 for an unknown id; <c>showHistory=true</c> adds the history, <c>showInput=false</c> drops the input.
/// </summary>
public sealed class GetInstanceStatusFunction(OrchestrationClient client) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var id = request.RouteValues["instanceId"] as string ?? string.Empty;
        var showHistory = QueryFlag(request, "showHistory", false);
        var showInput = QueryFlag(request, "showInput", true);
        InstanceStatusResponse? status;
        if (showHistory)
        {
            var state = await client.GetWithHistoryAsync(id, cancellationToken);
            status = state is null ? null : InstanceStatusResponse.From(state.Instance, state.History, showInput);
        }
        else
        {
            var instance = await client.GetAsync(id, cancellationToken);
            status = instance is null ? null : InstanceStatusResponse.From(instance, null, showInput);
        }

        if (status is null)
        {
            throw ProblemException.NotFound($"There is no orchestration instance '{id}'.");
        }

        var finished = Enum.Parse<OrchestrationRuntimeStatus>(status.RuntimeStatus).IsTerminal();
        if (!finished)
        {
            CheckStatusResponse.SetRetryAfter(request.HttpContext.Response);
        }

        return finished ? Results.Ok(status) : Results.Json(status, statusCode: StatusCodes.Status202Accepted);
    }

    internal static bool QueryFlag(HttpRequest request, string name, bool absent)
    {
        var text = request.Query[name].ToString();
        return text.Length == 0 ? absent
            : bool.TryParse(text, out var value) ? value
            : throw ProblemException.BadRequest($"Query parameter {name} must be true or false, not '{text}'.");
    }
}
