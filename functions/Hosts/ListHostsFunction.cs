using Microsoft.Azure.Functions.Worker;
using Orbit.Hosts.Storage;

namespace Orbit.Functions.Hosts;

/// <summary><c>GET /api/hosts</c>: every host that has reported, with its latest report's time and totals.</summary>
public sealed class ListHostsFunction(HostQuotaStore store)
{
    [Function("ListHosts")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "hosts")] HttpRequest request, CancellationToken cancellationToken)
    {
        var hosts = await store.ListHostsAsync(cancellationToken);
        return Results.Ok(new HostListResponse(hosts.OrderBy(host => host.HostId, StringComparer.Ordinal).Select(HostListItem.From).ToList()));
    }
}
