using Microsoft.Azure.Functions.Worker;
using Orbit.Functions.Http;
using Orbit.Hosts.Storage;

namespace Orbit.Functions.Hosts;

/// <summary>
/// <c>PUT /api/hosts/{hostId}/users/{user}/quota</c> (admin key): sets a user's limit on a host. The agent receives it in
/// the answer to its next report; 404 for a host that has never reported.
/// </summary>
public sealed class PutHostUserQuotaFunction(HostQuotaStore store, TimeProvider time)
{
    [Function("PutHostUserQuota")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "put", Route = "hosts/{hostId}/users/{user}/quota")] HttpRequest request, CancellationToken cancellationToken)
    {
        var hostId = HostProblems.HostIdFrom(request.RouteValues["hostId"] as string);
        var user = HostProblems.UserFrom(request.RouteValues["user"] as string);
        var body = await JsonRequestBody.ReadAsync<PutHostUserQuotaRequest>(request, cancellationToken, maxBytes: 1024);
        if (body.LimitBytes < 0)
        {
            throw ProblemException.BadRequest($"limitBytes must be 0 or more (0 is stored and never enforced); it is {body.LimitBytes}.");
        }

        if (!await store.SetLimitAsync(hostId, user, body.LimitBytes, time.GetUtcNow(), cancellationToken))
        {
            throw HostProblems.UnknownHost(hostId);
        }

        return Results.Ok(new HostUserQuotaResponse(hostId, user, body.LimitBytes, body.LimitBytes > 0));
    }
}
