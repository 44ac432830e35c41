using Microsoft.AspNetCore.Http;
using Orbit.FunctionHost.Http;
using Orbit.Orchestrations.Client;

namespace Orbit.Orchestrations.Http;

/// <summary><c>DELETE /runtime/webhooks/durabletask/instances/{instanceId}</c>: removes a finished instance and its history; 404 unknown, 409 still running.</summary>
public sealed class PurgeInstanceFunction(OrchestrationClient client) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        await client.PurgeAsync(request.RouteValues["instanceId"] as string ?? string.Empty, cancellationToken);
        return Results.Ok(new { instancesDeleted = 1 });
    }
}
