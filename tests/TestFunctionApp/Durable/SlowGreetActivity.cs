using Microsoft.Azure.Functions.Worker;
using Orbit.TestFunctionApp.Recording;

namespace Orbit.TestFunctionApp.Durable;

/// <summary>Activity: records that it started (one row per attempt), takes the time asked for, then greets.</summary>
public sealed class SlowGreetActivity(ResultsTable results)
{
    public const string Name = "SlowGreet";

    [Function(Name)]
    public async Task<string> RunAsync([ActivityTrigger] GreetingRequest request, CancellationToken cancellationToken)
    {
        await results.RecordAsync($"slow-greet-{request.Name}", Guid.NewGuid().ToString("N"), new Dictionary<string, object?> { ["Pid"] = Environment.ProcessId }, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(request.GreetSeconds), cancellationToken);
        return $"Hello, {request.Name}!";
    }
}
