using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orbit.HostAgent.Cycle;
using Orbit.Hosts.Agent;

namespace Orbit.HostAgent.Hosting;

/// <summary>
/// Runs a cycle at start and then every <c>DOCKER_QUOTA_SYNC_INTERVAL_SECONDS</c>. The function host's timer trigger
/// is not used: it keeps its schedule and singleton lock in Azure Storage, which a Docker host has no business
/// reaching, and there is exactly one agent per host, so there is nothing to elect.
/// </summary>
public sealed partial class AgentWorker(AttributionCycle cycle, HostAgentOptions options, TimeProvider time, ILogger<AgentWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarted(options.ToString());
        using var timer = new PeriodicTimer(options.Interval, time);
        do
        {
            try
            {
                await cycle.RunAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The checkpoint was not saved: the next cycle starts again from the last good one.
                LogCycleFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Host agent started: {Options}")]
    private partial void LogStarted(string options);

    [LoggerMessage(Level = LogLevel.Error, Message = "The cycle failed; the next one starts from the last checkpoint")]
    private partial void LogCycleFailed(Exception exception);
}
