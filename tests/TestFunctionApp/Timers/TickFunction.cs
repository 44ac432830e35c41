using Microsoft.Azure.Functions.Worker;
using Orbit.TestFunctionApp.Recording;

namespace Orbit.TestFunctionApp.Timers;

/// <summary>Timer <c>%TickSchedule%</c>: records which instance ran each occurrence; two rows for one occurrence would mean it ran twice.</summary>
public sealed class TickFunction(ResultsTable results)
{
    [Function("Tick")]
    public Task RunAsync([TimerTrigger("%TickSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        TimerRuns.RecordAsync(results, "tick", timer, cancellationToken);
}
