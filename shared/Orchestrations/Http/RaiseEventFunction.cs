using System.Text;
using Microsoft.AspNetCore.Http;
using Orbit.FunctionHost.Http;
using Orbit.Orchestrations.Client;

namespace Orbit.Orchestrations.Http;

/// <summary><c>POST /runtime/webhooks/durabletask/instances/{instanceId}/raiseEvent/{eventName}</c>: the JSON body is the event's data; 202, 404 unknown, 410 finished.</summary>
public sealed class RaiseEventFunction(OrchestrationClient client) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await JsonRequestBody.ReadBytesAsync(request, cancellationToken);
        var payload = Encoding.UTF8.GetString(body.Span);
        try
        {
            using var parsed = System.Text.Json.JsonDocument.Parse(payload);
        }
        catch (System.Text.Json.JsonException exception)
        {
            throw ProblemException.BadRequest($"The event data must be JSON: {exception.Message}");
        }

        await client.RaiseEventAsync(request.RouteValues["instanceId"] as string ?? string.Empty, request.RouteValues["eventName"] as string ?? string.Empty, payload, cancellationToken);
        return Results.Accepted();
    }
}
