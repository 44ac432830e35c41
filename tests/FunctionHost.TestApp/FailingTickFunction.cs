using Orbit.FunctionHost.Timers;

namespace Orbit.FunctionHost.TestApp;

/// <summary>Records each attempt at an occurrence, then fails: more than one row per occurrence would be a retry.</summary>
public sealed class FailingTickFunction(ResultsTable results) : ITimerFunction
{
    public async Task RunAsync(TimerInfo timer, CancellationToken cancellationToken)
    {
        await results.RecordAsync("failing-tick", $"{timer.ScheduledTime.UtcTicks}-{Guid.NewGuid():N}",
            new Dictionary<string, object> { ["Occurrence"] = timer.ScheduledTime }, cancellationToken);
        throw new InvalidOperationException($"the run for {timer.ScheduledTime:O} always fails");
    }
}
