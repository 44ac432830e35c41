using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Orbit.TestFunctionApp.Durable;

/// <summary>
/// Waits on a durable timer if asked to, then greets through <see cref="GreetActivity"/> (or, for a greeting that takes
/// time, <see cref="SlowGreetActivity"/>) and returns the greeting.
/// </summary>
public sealed class GreetingOrchestrator
{
    public const string Name = "Greeting";

    [Function(Name)]
    public async Task<string> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var request = context.GetInput<GreetingRequest>() ?? throw new InvalidOperationException("A greeting needs a name.");
        if (request.DelaySeconds > 0)
        {
            await context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(request.DelaySeconds), CancellationToken.None);
        }

        // The slow greeting is retried once, as the app's orchestrations retry their activities: an attempt fails when the
        // worker running it exits.
        return request.GreetSeconds > 0
            ? await context.CallActivityAsync<string>(SlowGreetActivity.Name, request, TaskOptions.FromRetryPolicy(new RetryPolicy(2, TimeSpan.FromSeconds(1))))
            : await context.CallActivityAsync<string>(GreetActivity.Name, request.Name);
    }
}
