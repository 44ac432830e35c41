using Microsoft.AspNetCore.Http;
using Orbit.FunctionHost.Http;
using Orbit.Orchestrations.Client;

namespace Orbit.Orchestrations.Http;

/// <summary><c>POST /runtime/webhooks/durabletask/instances/{instanceId}/terminate?reason=</c>: 202, 404 unknown, 410 already finished.</summary>
public sealed class TerminateInstanceFunction(OrchestrationClient client) : IHttpFunction
{
    private const int MaxReasonLength = 1000;

    public async Task<IResult> RunAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var reason = request.Query["reason"].ToString();
        if (reason.Length > MaxReasonLength)
        {
            throw ProblemException.BadRequest($"The reason may be at most {MaxReasonLength} characters.");
        }

        await client.TerminateAsync(request.RouteValues["instanceId"] as string ?? string.Empty, reason.Length == 0 ? "Terminated by an operator." : reason, cancellationToken);
        return Results.Accepted();
    }
}
