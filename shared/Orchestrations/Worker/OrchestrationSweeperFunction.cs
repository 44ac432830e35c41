using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orbit.FunctionHost.Timers;
using Orbit.Orchestrations.Storage;

namespace Orbit.Orchestrations.Worker;

/// <summary>
/// Finds instances a crash left stuck (pending and never started, or waiting on activities or a due timer
/// with nothing happening for <see cref="OrchestrationOptions.StuckAfter"/>) and re-drives them: their
/// outstanding work is sent again. Waiting for an external event is not stuck.
/// </summary>
public sealed class OrchestrationSweeperFunction(InstanceStore store, OrchestrationMessages messages, IOptions<OrchestrationOptions> options, TimeProvider time, ILogger<OrchestrationSweeperFunction> logger) : ITimerFunction
{
    public async Task RunAsync(TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = now - options.Value.StuckAfter;
        var redriven = 0;
        await foreach (var instance in store.ListIdleActiveAsync(cutoff, cancellationToken))
        {
            if (!IsStuck(instance, now, cutoff))
            {
                continue;
            }

            logger.LogWarning("Instance {InstanceId} ({Name}, {Status}) has not moved since {LastUpdated} with {OpenTasks} activities outstanding{Timer}; re-sending its outstanding work.",
                instance.InstanceId, instance.Name, instance.RuntimeStatus, instance.LastUpdatedTime, instance.OpenTasks, instance.NextTimerAt is { } at ? $" and a timer due {at:O}" : string.Empty);
            await messages.SendControlAsync(new ControlMessage(instance.InstanceId, null, Redrive: true), cancellationToken);
            await store.MarkRedrivenAsync(instance, now, cancellationToken);
            redriven++;
        }

        if (redriven > 0)
        {
            logger.LogInformation("Sweeper re-drove {Count} stuck instance(s).", redriven);
        }
    }

    private static bool IsStuck(InstanceRecord instance, DateTimeOffset now, DateTimeOffset cutoff) =>
        (instance.LastRedriveTime is null || instance.LastRedriveTime < cutoff)
        && (instance.RuntimeStatus == OrchestrationRuntimeStatus.Pending
            || instance.OpenTasks > 0
            || instance.NextTimerAt < cutoff);
}
