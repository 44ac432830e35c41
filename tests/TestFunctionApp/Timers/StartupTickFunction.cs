using Microsoft.Azure.Functions.Worker;
using Orbit.TestFunctionApp.Recording;

namespace Orbit.TestFunctionApp.Timers;

/// <summary>Timer <c>%StartupTickSchedule%</c> with RunOnStartup: records the run each host start gives it, however far away the schedule is.</summary>
public sealed class StartupTickFunction(ResultsTable results)
{
    [Function("StartupTick")]
    public Task RunAsync([TimerTrigger("%StartupTickSchedule%", RunOnStartup = true)] TimerInfo timer, CancellationToken cancellationToken) =>
        TimerRuns.RecordAsync(results, "startup-tick", timer, cancellationToken);
}
