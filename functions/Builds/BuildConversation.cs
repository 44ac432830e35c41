using Orbit.FunctionHost.Http;
using Orbit.Functions.Quota;
using Orbit.Orchestrations;
using Orbit.Orchestrations.Client;
using Orbit.Orchestrations.Storage;

namespace Orbit.Functions.Builds;

/// <summary>
/// The build system's side of a build after the start, with nothing but its function key: read the build's status,
/// report the push or the failure. Only instances of the <see cref="BuildOrchestrator"/> are builds: any other id is
/// unknown here (404), and a finished build takes no more reports (410). The three build functions are this class's
/// callers; porting them to another orchestration client means rewriting only this class.
/// </summary>
public sealed class BuildConversation(OrchestrationClient client)
{
    /// <summary>The longest failure reason kept; a build system's reason is a line for a person, not a log dump.</summary>
    public const int MaxReasonLength = 2000;

    public async Task<BuildStatusResponse> GetAsync(string buildId, CancellationToken cancellationToken) =>
        BuildStatusResponse.From(await FindAsync(buildId, cancellationToken));

    public async Task ReportPushedAsync(string buildId, ImagePushed pushed, CancellationToken cancellationToken)
    {
        var digest = QuotaProblems.OptionalDigestFrom(pushed.Digest);
        await RaiseAsync(buildId, BuildOrchestrator.ImagePushedEvent, new ImagePushed(digest?.Value), cancellationToken);
    }

    public async Task ReportFailedAsync(string buildId, BuildFailed failed, CancellationToken cancellationToken)
    {
        var reason = failed.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength)
        {
            throw ProblemException.BadRequest($"reason is required: one line for a person, 1 to {MaxReasonLength} characters, saying why the build failed.");
        }

        await RaiseAsync(buildId, BuildOrchestrator.BuildFailedEvent, new BuildFailed(reason), cancellationToken);
    }

    private async Task RaiseAsync(string buildId, string eventName, object data, CancellationToken cancellationToken)
    {
        var build = await FindAsync(buildId, cancellationToken);
        if (build.RuntimeStatus.IsTerminal())
        {
            throw new ProblemException(410, "Gone", $"Build '{buildId}' is already {build.RuntimeStatus}; it takes no more reports.");
        }

        await client.RaiseEventAsync(buildId, eventName, OrchestrationJson.Serialize(data), cancellationToken);
    }

    private async Task<InstanceRecord> FindAsync(string buildId, CancellationToken cancellationToken)
    {
        var instance = await client.GetAsync(buildId, cancellationToken);
        return instance is not null && instance.Name == BuildOrchestrator.Name
            ? instance
            : throw ProblemException.NotFound($"There is no build '{buildId}'. Use the id POST /api/builds returned.");
    }
}
