using Microsoft.Azure.Functions.Worker;
using Orbit.Quota.History;

namespace Orbit.Functions.Builds;

/// <summary>
/// Activity: a cleanup's whole summary, for the output of a build whose check carried out the cleanup and returned only
/// what the status shows (<see cref="RecordedCleanup"/>): read back from the workspace's cleanup history, or from
/// <see cref="LargeCleanupSummaries"/> for one the history could not keep whole. Null when it is no longer kept.
/// </summary>
public sealed class ReadCleanupActivity(CleanupHistory history, LargeCleanupSummaries largeSummaries)
{
    [Function(nameof(ReadCleanupActivity))]
    public async Task<CleanupSummary?> RunAsync([ActivityTrigger] CleanupRecordRequest input, CancellationToken cancellationToken) =>
        input.KeptApart
            ? await largeSummaries.GetAsync(input.WorkspaceId, input.BuildId, cancellationToken)
            : await history.GetAsync(input.WorkspaceId, input.BuildId, cancellationToken) is { } record ? CleanupSummary.From(record) : null;
}
