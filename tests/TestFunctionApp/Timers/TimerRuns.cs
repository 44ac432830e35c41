using Microsoft.Azure.Functions.Worker;
using Orbit.TestFunctionApp.Recording;

namespace Orbit.TestFunctionApp.Timers;

/// <summary>
/// One row per run of a timer, keyed by its occurrence: the schedule status's <c>Next</c> as the host passed it is the
/// occurrence this run is for (the host moves it on after the run), and the row key adds a fresh id so a second run of
/// the same occurrence shows as a second row.
/// </summary>
public static class TimerRuns
{
    public static async Task<DateTime> RecordAsync(ResultsTable results, string partition, TimerInfo timer, CancellationToken cancellationToken)
    {
        var occurrence = (timer.ScheduleStatus?.Next ?? DateTime.UtcNow).ToUniversalTime();
        await results.RecordAsync(partition, $"{occurrence.Ticks}-{Guid.NewGuid():N}", new Dictionary<string, object?>
        {
            ["Occurrence"] = occurrence,
            ["PastDue"] = timer.IsPastDue,
            ["RanAt"] = DateTime.UtcNow,
        }, cancellationToken);
        return occurrence;
    }
}
