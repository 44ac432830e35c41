using Orbit.FunctionHost.Http;
using Orbit.Functions.Quota;
using Orbit.Orchestrations.Client;
using Orbit.Orchestrations.Http;
using Orbit.Quota.Repositories;
using Orbit.Quota.Storage;

namespace Orbit.Functions.Builds;

/// <summary>
/// <c>POST /api/builds</c>: validates the build and starts its orchestration; 202 with the management URLs.
/// The build system polls the status until <c>customStatus.phase</c> is <c>ready-to-build</c>. A managed build must name a
/// repository its workspace owns, under the repository's app (403 or 409 naming the rule otherwise).
/// </summary>
public sealed class StartBuildFunction(OrchestrationClient client, UsageStore usage, RepositoryOwners owners) : IHttpFunction
{
    // A single image larger than this is not an estimate anyone means.
    internal const long MaxEstimatedBytes = 1L << 40;

    public async Task<IResult> RunAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await JsonRequestBody.ReadAsync<StartBuildRequest>(request, cancellationToken, maxBytes: 4096);
        var workspace = QuotaProblems.WorkspaceIdFrom(body.WorkspaceId);
        var appId = QuotaProblems.AppIdFrom(body.AppId);
        var repository = QuotaProblems.RepositoryFrom(body.Repository);
        var tag = QuotaProblems.TagFrom(body.Tag);
        var registry = body.Registry ?? throw ProblemException.BadRequest("registry is required: \"managed\" (quota checked, image tracked) or \"external\".");
        if (body.EstimatedBytes is < 0 or > MaxEstimatedBytes)
        {
            throw ProblemException.BadRequest($"estimatedBytes must be between 0 and {MaxEstimatedBytes}; it is {body.EstimatedBytes}.");
        }

        if (registry == BuildRegistry.Managed)
        {
            if (await usage.GetUsageAsync(workspace, cancellationToken) is null)
            {
                throw new UnknownWorkspaceException(workspace);
            }

            // Refused before anything starts: the build would clean up, and then track into, a repository the workspace does not own.
            await owners.RequireTrackableAsync(workspace, appId, repository, cancellationToken);
        }

        var input = new BuildInput(workspace.Value, appId, repository.Value, tag.Value, registry, body.EstimatedBytes ?? 0);
        var instanceId = await client.StartAsync(BuildOrchestrator.Name, input, null, cancellationToken);
        return CheckStatusResponse.Accepted(request, instanceId);
    }
}
