using Orbit.Quota.History;
using Orbit.Quota.Telemetry;

namespace Orbit.Functions.Builds;

/// <summary>
/// Keeps a finished cleanup in its workspace's history (idempotent: the build's record is replaced), and reports it to
/// telemetry, the cleanup's span and metrics (<see cref="QuotaTelemetry"/>), once it is kept.
/// </summary>
public sealed class CleanupRecorder(CleanupHistory history)
{
    /// <summary>Whether the history kept the record whole, every deletion and every line of its log.</summary>
    public async Task<bool> RecordAsync(CleanupRecord record, CancellationToken cancellationToken)
    {
        var whole = await history.RecordAsync(record, cancellationToken);
        QuotaTelemetry.CleanupRecorded(record);
        return whole;
    }
}
