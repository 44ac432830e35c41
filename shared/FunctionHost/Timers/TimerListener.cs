using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orbit.FunctionHost.Health;
using Orbit.FunctionHost.Singletons;

namespace Orbit.FunctionHost.Timers;

/// <summary>
/// Runs one timer-triggered function on exactly one instance: the instance holding the function's
/// singleton lock waits for each occurrence, claims it in the status blob and runs it. The others
/// stand by and take over within one lease period when the holder stops or dies.
/// </summary>
internal sealed class TimerListener : BackgroundService
{
    public const string ContainerName = "azure-webjobs-hosts";
    private static readonly TimeSpan StandbyPollInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RenewInterval = SingletonLock.LeaseDuration / 3;

    private readonly TimerFunctionRegistration function;
    private readonly TimerSchedule schedule;
    private readonly SingletonLock singleton;
    private readonly TimerStatusBlob status;
    private readonly IServiceScopeFactory scopes;
    private readonly ListenerStates states;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private bool startupRunPending;

    public TimerListener(
        TimerFunctionRegistration function,
        TimerSchedule schedule,
        string hostId,
        BlobServiceClient blobs,
        IServiceScopeFactory scopes,
        ListenerStates states,
        TimeProvider time,
        ILogger<TimerListener> logger)
    {
        this.function = function;
        this.schedule = schedule;
        var container = blobs.GetBlobContainerClient(ContainerName);
        singleton = new SingletonLock(container, $"locks/{hostId}/{function.FunctionName}.listener");
        status = new TimerStatusBlob(container.GetBlobClient($"timers/{hostId}/{function.FunctionName}/status"), time);
        this.scopes = scopes;
        this.states = states;
        this.time = time;
        this.logger = logger;
        startupRunPending = function.RunOnStartup;
    }

    private string ListenerName => $"{function.FunctionName} (timer {schedule.Text})";

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        states.Report(ListenerName, ListenerState.Stopped);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        states.Report(ListenerName, ListenerState.Starting);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await singleton.TryAcquireAsync(stoppingToken))
                {
                    states.Report(ListenerName, ListenerState.Running);
                    await Task.Delay(StandbyPollInterval * (0.8 + (Random.Shared.NextDouble() * 0.4)), time, stoppingToken);
                    continue;
                }

                states.Report(ListenerName, ListenerState.Running);
                logger.LogInformation("{Listener}: this instance holds the singleton lock and runs the schedule.", ListenerName);
                await RunWhileHoldingLockAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                states.Report(ListenerName, ListenerState.Retrying);
                logger.LogError(exception, "{Listener}: storage request failed; retrying in {Delay}.", ListenerName, StandbyPollInterval);
                await Task.Delay(StandbyPollInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task RunWhileHoldingLockAsync(CancellationToken stoppingToken)
    {
        using var held = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewing = KeepLockAsync(held);
        try
        {
            await RunScheduleAsync(held.Token, stoppingToken);
        }
        catch (OperationCanceledException) when (held.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning("{Listener}: lost the singleton lock; standing by.", ListenerName);
        }
        finally
        {
            await held.CancelAsync();
            await renewing;
            using var release = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await singleton.ReleaseAsync(release.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task RunScheduleAsync(CancellationToken held, CancellationToken stoppingToken)
    {
        var last = (await status.ReadAsync(held))?.Last;
        if (startupRunPending)
        {
            startupRunPending = false;
            await RunAsync(new TimerInfo(time.GetUtcNow(), last, IsPastDue: false), stoppingToken);
        }

        if (last is { } previous && schedule.NextAfter(previous) is var missed && missed <= time.GetUtcNow()
            && await status.TryClaimAsync(missed, held))
        {
            // No instance ran this occurrence: catch up once, as Functions does, not once per missed occurrence.
            await RunAsync(new TimerInfo(missed, previous, IsPastDue: true), stoppingToken);
            last = missed;
        }

        while (true)
        {
            var now = time.GetUtcNow();
            var next = schedule.NextAfter(last is { } l && l > now ? l : now);
            await Task.Delay(next - now, time, held);
            if (await status.TryClaimAsync(next, held))
            {
                await RunAsync(new TimerInfo(next, last, IsPastDue: false), stoppingToken);
            }

            last = next;
        }
    }

    private async Task RunAsync(TimerInfo timer, CancellationToken cancellationToken)
    {
        try
        {
            logger.LogDebug("{Listener}: running for {Occurrence:O}.", ListenerName, timer.ScheduledTime);
            await using var scope = scopes.CreateAsyncScope();
            await function.Invoke(scope.ServiceProvider, timer, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(exception, "{Listener}: the run for {Occurrence:O} failed; it is not retried, the next occurrence runs as scheduled.", ListenerName, timer.ScheduledTime);
        }
    }

    private async Task KeepLockAsync(CancellationTokenSource held)
    {
        try
        {
            while (!held.IsCancellationRequested)
            {
                await Task.Delay(RenewInterval, time, held.Token);
                if (!await singleton.TryRenewAsync(held.Token))
                {
                    await held.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception exception)
        {
            // Stop running the schedule rather than risk it running in two places; the claims would catch that too.
            logger.LogWarning(exception, "{Listener}: could not renew the singleton lock.", ListenerName);
            await held.CancelAsync();
        }
    }
}
