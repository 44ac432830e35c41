using Orbit.Quota.History;
using Orbit.Quota.Telemetry;

namespace Orbit.Functions.Builds;

/// <summary>
/// Keeps a finished cleanup in its workspace's history (idempotent: the build's record is replaced), and reports it to
/// telemetry, the cleanup's span and metrics (<see cref="QuotaTelemetry"/>), once it is kept.
/// </summary>
public sealed class CleanupRecorder(CleanupHistory history)
{
    public async Task RecordAsync(CleanupRecord record, CancellationToken cancellationToken)
    {
        await history.RecordAsync(record, cancellationToken);
        QuotaTelemetry.CleanupRecorded(record);
    }
}
