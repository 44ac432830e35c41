using Microsoft.Azure.Functions.Worker;
using Orbit.TestFunctionApp.Recording;

namespace Orbit.TestFunctionApp.Timers;

/// <summary>Timer <c>%FailingTickSchedule%</c>: records each attempt at an occurrence, then fails; more than one row per occurrence would be a retry.</summary>
public sealed class FailingTickFunction(ResultsTable results)
{
    [Function("FailingTick")]
    public async Task RunAsync([TimerTrigger("%FailingTickSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var ranAt = await TimerRuns.RecordAsync(results, "failing-tick", timer, cancellationToken);
        throw new InvalidOperationException($"the run at {ranAt:O} always fails");
    }
}
