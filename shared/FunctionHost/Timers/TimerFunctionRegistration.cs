using Microsoft.Extensions.DependencyInjection;

namespace Orbit.FunctionHost.Timers;

/// <summary>A timer-triggered function as registered; the schedule may be a <c>%Setting%</c> expression.</summary>
public sealed record TimerFunctionRegistration(
    string FunctionName,
    string Schedule,
    bool RunOnStartup,
    Func<IServiceProvider, TimerInfo, CancellationToken, Task> Invoke)
{
    public static TimerFunctionRegistration For<TFunction>(string functionName, string schedule, bool runOnStartup)
        where TFunction : ITimerFunction =>
        new(functionName, schedule, runOnStartup,
            (services, timer, cancellationToken) => services.GetRequiredService<TFunction>().RunAsync(timer, cancellationToken));
}
