using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Orbit.Functions.Http;
using Orbit.Functions.Quota;
using Orbit.Quota.Repositories;
using Orbit.Quota.Storage;

namespace Orbit.Functions.Builds;

/// <summary>
/// <c>POST /api/builds</c>: validates the build and starts its orchestration; 202 with the management URLs.
/// The build system polls the status (<c>GET /api/builds/{id}</c>, or the returned URL) until
/// <c>customStatus.phase</c> is <c>ready-to-build</c>. A managed build must name a repository its workspace owns, under the
/// repository's app (403 or 409 naming the rule otherwise).
/// </summary>
public sealed class StartBuildFunction(UsageStore usage, RepositoryOwners owners)
{
    [Function("StartBuild")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "builds")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        var body = await JsonRequestBody.ReadAsync<StartBuildRequest>(request, cancellationToken, maxBytes: 4096);
        var input = new BuildInput(
            QuotaProblems.WorkspaceIdFrom(body.WorkspaceId),
            QuotaProblems.AppIdFrom(body.AppId),
            QuotaProblems.RepositoryFrom(body.Repository),
            QuotaProblems.TagFrom(body.Tag),
            body.Registry ?? throw ProblemException.BadRequest("registry is required: \"managed\" (quota checked, image tracked) or \"external\"."),
            body.EstimatedBytes ?? 0);
        if (input.Problems().FirstOrDefault() is { } problem)
        {
            throw ProblemException.BadRequest(problem);
        }

        if (input.Registry == BuildRegistry.Managed)
        {
            // Refused before anything starts: the build would clean up, and then track into, a repository the workspace does not
            // own. Read beside the workspace's row (each a round trip before the build may start); an unknown workspace says so first.
            var trackable = owners.RequireTrackableAsync(input.WorkspaceId, input.AppId, input.Repository, cancellationToken);
            if (await usage.GetUsageAsync(input.WorkspaceId, cancellationToken) is null)
            {
                await trackable.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                throw new UnknownWorkspaceException(input.WorkspaceId);
            }

            await trackable;
        }

        var instanceId = await client.ScheduleNewOrchestrationInstanceAsync(BuildOrchestrator.Name, input, cancellationToken);
        var payload = CheckStatusResponse.From(client.CreateHttpManagementPayload(instanceId, await context.GetHttpRequestDataAsync()));
        request.HttpContext.Response.Headers.RetryAfter = ((int)CheckStatusResponse.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Accepted(payload.StatusQueryGetUri, payload);
    }
}
