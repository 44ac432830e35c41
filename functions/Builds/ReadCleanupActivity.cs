using Microsoft.Azure.Functions.Worker;
using Orbit.Quota.History;

namespace Orbit.Functions.Builds;

/// <summary>
/// Activity: a cleanup's whole summary, read back from the workspace's cleanup history, for the output of a build whose
/// check carried out the cleanup and returned only what the status shows (<see cref="RecordedCleanup"/>). Null when the
/// history no longer has the record.
/// </summary>
public sealed class ReadCleanupActivity(CleanupHistory history)
{
    [Function(nameof(ReadCleanupActivity))]
    public async Task<CleanupSummary?> RunAsync([ActivityTrigger] CleanupRecordRequest input, CancellationToken cancellationToken) =>
        await history.GetAsync(input.WorkspaceId, input.BuildId, cancellationToken) is { } record ? CleanupSummary.From(record) : null;
}
