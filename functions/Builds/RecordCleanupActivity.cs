using Microsoft.Azure.Functions.Worker;
using Orbit.Quota.History;
using Orbit.Quota.Telemetry;

namespace Orbit.Functions.Builds;

/// <summary>
/// Activity: keeps a finished cleanup in its workspace's history (idempotent: the build's record is replaced), and reports
/// it to telemetry: the cleanup's span and metrics (<see cref="QuotaTelemetry"/>), once it is kept.
/// </summary>
public sealed class RecordCleanupActivity(CleanupHistory history)
{
    [Function(nameof(RecordCleanupActivity))]
    public async Task<bool> RunAsync([ActivityTrigger] CleanupRecord record, CancellationToken cancellationToken)
    {
        await history.RecordAsync(record, cancellationToken);
        QuotaTelemetry.CleanupRecorded(record);
        return true;
    }
}
