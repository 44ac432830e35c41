using Microsoft.Azure.Functions.Worker;
using Orbit.TestFunctionApp.Recording;

namespace Orbit.TestFunctionApp.Timers;

/// <summary>
/// One row per run of a timer: when it ran, and whether it was a past-due run. (The schedule status, which would name the
/// occurrence, is not kept for schedules of less than a minute, so the time of the run stands for it.)
/// </summary>
public static class TimerRuns
{
    public static async Task<DateTime> RecordAsync(ResultsTable results, string partition, TimerInfo timer, CancellationToken cancellationToken)
    {
        var ranAt = DateTime.UtcNow;
        await results.RecordAsync(partition, $"{ranAt.Ticks}-{Guid.NewGuid():N}", new Dictionary<string, object?>
        {
            ["RanAt"] = ranAt,
            ["PastDue"] = timer.IsPastDue,
        }, cancellationToken);
        return ranAt;
    }
}
