using Microsoft.Azure.Functions.Worker;
using Orbit.Hosts.Storage;

namespace Orbit.Functions.Hosts;

/// <summary><c>GET /api/hosts/{hostId}/usage</c>: the host's usage under the limits in force, per user and in total.</summary>
public sealed class GetHostUsageFunction(HostQuotaStore store)
{
    [Function("GetHostUsage")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "hosts/{hostId}/usage")] HttpRequest request, CancellationToken cancellationToken)
    {
        var hostId = HostProblems.HostIdFrom(request.RouteValues["hostId"] as string);
        var usage = await store.GetUsageAsync(hostId, cancellationToken) ?? throw HostProblems.UnknownHost(hostId);
        return Results.Ok(HostUsageResponse.From(usage));
    }
}
