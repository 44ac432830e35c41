using System.Text.Json;
using Microsoft.DurableTask.Client;
using Orbit.Functions.Hosting;
using Orbit.Functions.Http;
using Orbit.Functions.Quota;
using Orbit.Quota.History;
using Orbit.Registry.References;

namespace Orbit.Functions.Builds;

/// <summary>
/// The build system's side of a build after the start, with nothing but its function key: read the build's status,
/// report the push or the failure. Only instances of the <see cref="BuildOrchestrator"/> are builds: any other id is
/// unknown here (404), and a finished build takes no more reports (410). A cleanup is whole here: its deletions and its
/// whole log come from the workspace's cleanup history, which the bounded custom status cannot carry; and one the quota
/// check carries out itself shows as cleaning-up, with the progress the check writes beside its kept plan.
/// </summary>
public sealed class BuildConversation(CleanupHistory history, KeptCleanupPlans keptPlans)
{
    /// <summary>The longest failure reason kept; a build system's reason is a line for a person, not a log dump.</summary>
    public const int MaxReasonLength = 2000;

    private const int MaxIdLength = 100;

    public async Task<BuildStatusResponse> GetAsync(DurableTaskClient client, string? buildId, CancellationToken cancellationToken)
    {
        var build = await FindAsync(client, buildId, withData: true, cancellationToken);
        var status = build.ReadCustomStatusAs<BuildStatus>();
        var input = build.ReadInputAs<BuildInput>();
        var record = status?.Cleanup is { Planned: > 0 } && input?.WorkspaceId is { } workspace
            ? await history.GetAsync(workspace, build.InstanceId, cancellationToken)
            : null;
        if ((status?.Phase is BuildStatus.CheckingQuota or BuildStatus.WaitingForCleanup) && input?.WorkspaceId is { } checkedWorkspace
            && await keptPlans.ProgressAsync(checkedWorkspace, build.InstanceId, cancellationToken) is { } progress)
        {
            status = CleanupReport.InCheck(status, progress);
        }

        return BuildStatusResponse.From(build, status, record);
    }

    public async Task ReportPushedAsync(DurableTaskClient client, string? buildId, string? digest, CancellationToken cancellationToken) =>
        await RaiseAsync(client, buildId, BuildOrchestrator.ImagePushedEvent, new ImagePushed(QuotaProblems.OptionalDigestFrom(digest)), cancellationToken);

    public async Task ReportFailedAsync(DurableTaskClient client, string? buildId, string? reason, CancellationToken cancellationToken)
    {
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength)
        {
            throw ProblemException.BadRequest($"reason is required: one line for a person, 1 to {MaxReasonLength} characters, saying why the build failed.");
        }

        await RaiseAsync(client, buildId, BuildOrchestrator.BuildFailedEvent, new BuildFailed(reason), cancellationToken);
    }

    private static async Task RaiseAsync(DurableTaskClient client, string? buildId, string eventName, object data, CancellationToken cancellationToken)
    {
        var build = await FindAsync(client, buildId, withData: false, cancellationToken);
        if (build.IsCompleted)
        {
            throw new ProblemException(410, "Gone", $"Build '{build.InstanceId}' is already {build.RuntimeStatus}; it takes no more reports.");
        }

        await client.RaiseEventAsync(build.InstanceId, eventName, data, cancellationToken);
    }

    private static async Task<OrchestrationMetadata> FindAsync(DurableTaskClient client, string? buildId, bool withData, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(buildId) || buildId.Length > MaxIdLength || !buildId.All(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '_'))
        {
            throw ProblemException.BadRequest($"'{buildId}' is not a build id: the id POST /api/builds returned (letters, digits, '-' and '_', at most {MaxIdLength}).");
        }

        var instance = await client.GetInstanceAsync(buildId, withData, cancellationToken);
        return instance is not null && string.Equals(instance.Name, BuildOrchestrator.Name, StringComparison.Ordinal)
            ? instance
            : throw ProblemException.NotFound($"There is no build '{buildId}'. Use the id POST /api/builds returned.");
    }
}
