using Orbit.FunctionHost.Timers;

namespace Orbit.FunctionHost.TestApp;

/// <summary>Records which instance ran each occurrence: two rows for one occurrence would mean it ran twice.</summary>
public sealed class TickFunction(ResultsTable results) : ITimerFunction
{
    public Task RunAsync(TimerInfo timer, CancellationToken cancellationToken) =>
        results.RecordAsync("tick", $"{timer.ScheduledTime.UtcTicks}-{results.Instance}",
            new Dictionary<string, object> { ["Occurrence"] = timer.ScheduledTime, ["PastDue"] = timer.IsPastDue }, cancellationToken);
}
