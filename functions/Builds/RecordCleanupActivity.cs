using Microsoft.Azure.Functions.Worker;
using Orbit.Quota.History;

namespace Orbit.Functions.Builds;

/// <summary>Activity: keeps a finished cleanup in its workspace's history (idempotent: the build's record is replaced).</summary>
public sealed class RecordCleanupActivity(CleanupHistory history)
{
    [Function(nameof(RecordCleanupActivity))]
    public async Task<bool> RunAsync([ActivityTrigger] CleanupRecord record, CancellationToken cancellationToken)
    {
        await history.RecordAsync(record, cancellationToken);
        return true;
    }
}
