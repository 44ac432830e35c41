using Microsoft.Azure.Functions.Worker;
using Orbit.Quota.History;

namespace Orbit.Functions.Builds;

/// <summary>Activity: keeps a cleanup whose deletions were fanned out in its workspace's history, once they have all finished.</summary>
public sealed class RecordCleanupActivity(CleanupRecorder recorder)
{
    [Function(nameof(RecordCleanupActivity))]
    public async Task<bool> RunAsync([ActivityTrigger] CleanupRecord record, CancellationToken cancellationToken)
    {
        await recorder.RecordAsync(record, cancellationToken);
        return true;
    }
}
