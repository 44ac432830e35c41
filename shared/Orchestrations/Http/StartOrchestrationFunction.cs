using System.Text;
using Microsoft.AspNetCore.Http;
using Orbit.FunctionHost.Http;
using Orbit.Orchestrations.Client;

namespace Orbit.Orchestrations.Http;

/// <summary><c>POST /runtime/webhooks/durabletask/orchestrators/{functionName}/{instanceId?}</c>: starts an orchestrator with the JSON body as its input.</summary>
public sealed class StartOrchestrationFunction(OrchestrationClient client) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string? input = null;
        if (request.ContentLength is not 0 && (request.ContentLength is not null || request.ContentType is not null))
        {
            var body = await JsonRequestBody.ReadBytesAsync(request, cancellationToken);
            input = body.Length == 0 ? null : Encoding.UTF8.GetString(body.Span);
        }

        var id = await client.StartJsonAsync(request.RouteValues["functionName"] as string ?? string.Empty, input, request.RouteValues["instanceId"] as string, cancellationToken);
        return CheckStatusResponse.Accepted(request, id);
    }
}
