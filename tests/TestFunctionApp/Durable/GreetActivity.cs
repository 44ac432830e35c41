using Microsoft.Azure.Functions.Worker;
using Orbit.TestFunctionApp.Recording;

namespace Orbit.TestFunctionApp.Durable;

/// <summary>Activity: records which instance greeted whom, and returns the greeting.</summary>
public sealed class GreetActivity(ResultsTable results)
{
    public const string Name = "Greet";

    [Function(Name)]
    public async Task<string> RunAsync([ActivityTrigger] string name, CancellationToken cancellationToken)
    {
        await results.RecordAsync("greeted", Guid.NewGuid().ToString("N"), new Dictionary<string, object?> { ["Name"] = name }, cancellationToken);
        return $"Hello, {name}!";
    }
}
