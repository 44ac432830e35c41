using Microsoft.Azure.Functions.Worker;
using Orbit.Hosts.Storage;

namespace Orbit.Functions.Hosts;

/// <summary>
/// Deletes accepted report signatures whose timestamps are past the verifier's window (<c>Hosts:SignaturePurgeSchedule</c>,
/// hourly by default). Only housekeeping: an expired row can never match again, as its timestamp is refused first.
/// </summary>
public sealed class PurgeReportSignaturesFunction(TableReplayGuard guard, TimeProvider time, ILogger<PurgeReportSignaturesFunction> logger)
{
    [Function("PurgeReportSignatures")]
    public async Task RunAsync([TimerTrigger("%Hosts:SignaturePurgeSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var deleted = await guard.PurgeExpiredAsync(time.GetUtcNow(), cancellationToken);
        logger.LogInformation("Purged {Count} expired report signatures.", deleted);
    }
}
