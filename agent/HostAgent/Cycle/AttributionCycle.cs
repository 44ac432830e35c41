using System.Globalization;
using Docker.DotNet;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orbit.HostAgent.Audit;
using Orbit.HostAgent.Checkpoints;
using Orbit.HostAgent.Docker;
using Orbit.HostAgent.Hosting;
using Orbit.HostAgent.Notifications;
using Orbit.HostAgent.Reports;
using Orbit.Hosts.Agent;
using Orbit.Hosts.Attribution;
using Orbit.Hosts.Central;
using Orbit.Hosts.Enforcement;
using Orbit.Hosts.Usage;
using Orbit.Hosts.Users;

namespace Orbit.HostAgent.Cycle;

/// <summary>
/// One pass: audit log and Docker in, attribution, usage, enforcement, e-mail, report, and only then the checkpoint.
/// A cycle that stops before the checkpoint leaves the previous one in place, and the library's idempotence makes
/// the re-run attribute nothing twice and skip nothing.
/// </summary>
public sealed partial class AttributionCycle(
    HostAgentOptions options,
    IOptions<AgentOptions> agentOptions,
    DockerEngine docker,
    AuditLogSource auditLog,
    CheckpointStore checkpoints,
    ReportSender reports,
    EmailNotifier email,
    TimeProvider time,
    ILogger<AttributionCycle> logger,
    ICycleStageObserver? observer = null)
{
    private readonly AgentOptions agent = agentOptions.Value;
    private readonly HostAttributor attributor = new(options.Attribution with { IgnoredExecutables = IgnoredExecutables(agentOptions.Value) });

    public async Task<CycleOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var checkpoint = await checkpoints.LoadAsync(cancellationToken).ConfigureAwait(false);
        var cycleId = string.Create(CultureInfo.InvariantCulture, $"{options.HostId}-{checkpoint.CyclesCompleted + 1}-{time.GetUtcNow().ToUnixTimeSeconds()}");

        var audit = await auditLog.ReadAsync(checkpoint.AuditOffset, checkpoint.AuditInode, cancellationToken).ConfigureAwait(false);
        var eventsSince = checkpoint.EventsSince is { } since
            ? DateTimeOffset.FromUnixTimeSeconds(since)
            : time.GetUtcNow() - attributor.Options.AuditMemory;
        var snapshot = await docker.ReadAsync(eventsSince, cancellationToken).ConfigureAwait(false);
        var users = await ReadUsersAsync(cancellationToken).ConfigureAwait(false);
        Stage(CycleStage.Read, cancellationToken);

        var attribution = attributor.Attribute(checkpoint.Attribution, new AttributionInput(audit.Records, snapshot.Events, snapshot.Containers, snapshot.Images, users));
        var limits = EffectiveLimits(checkpoint);
        var usage = HostUsageCalculator.Calculate(attribution, limits, options.ReservedBytes);
        var plan = EnforcementPlanner.Plan(usage, attribution.Containers, options.EnforcementOrder);
        var warnings = WarnLevelDetector.Detect(usage, checkpoint.UsersAtWarnLevel.ToHashSet(StringComparer.Ordinal), options.WarnPercent);
        LogCycle(cycleId, audit.LinesRead, audit.Records.Count, snapshot.Events.Count, attribution.EventsApplied, attribution.EventsSkipped, snapshot.Containers.Count, snapshot.Images.Count, usage.Used, usage.UnattributedUsage);
        Stage(CycleStage.Attributed, cancellationToken);

        var actions = await EnforceAsync(plan, cancellationToken).ConfigureAwait(false);
        foreach (var warning in warnings.Notices)
        {
            LogWarnLevel(warning.User, warning.Message);
        }

        Stage(CycleStage.Enforced, cancellationToken);

        var emailsSent = await email.SendAsync(Emails(warnings.Notices, plan), cancellationToken).ConfigureAwait(false);
        var report = CycleReport.Create(options.HostId, cycleId, snapshot.ListedAt, options.DryRun, attribution, usage, actions);
        var centralLimits = checkpoint.CentralLimits;
        var reported = false;
        try
        {
            var answer = await reports.SendAsync(report, cancellationToken).ConfigureAwait(false);
            reported = true;
            if (answer?.Limits is { } newLimits)
            {
                centralLimits = new Dictionary<string, long>(newLimits, StringComparer.Ordinal);
                LogLimitsReceived(newLimits.Count);
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogReportFailed(cycleId, exception.Message);
        }

        Stage(CycleStage.Reported, cancellationToken);

        await checkpoints.SaveAsync(
            checkpoint with
            {
                AuditOffset = audit.Missing ? checkpoint.AuditOffset : audit.NextOffset,
                AuditInode = audit.Missing ? checkpoint.AuditInode : audit.Inode,
                // The listing's own second is read again next time: events later in that second were not applied.
                EventsSince = snapshot.ListedAt.ToUnixTimeSeconds(),
                Attribution = attribution.State,
                UsersAtWarnLevel = [.. warnings.UsersAtWarnLevel.Order(StringComparer.Ordinal)],
                CentralLimits = centralLimits,
                CyclesCompleted = checkpoint.CyclesCompleted + 1,
            },
            cancellationToken).ConfigureAwait(false);
        Stage(CycleStage.Checkpointed, cancellationToken);
        return new CycleOutcome(cycleId, attribution, usage, plan, warnings.Notices, report, reported, emailsSent);
    }

    private static HashSet<string> IgnoredExecutables(AgentOptions agent)
    {
        var ignored = new HashSet<string>(agent.IgnoredExecutables, StringComparer.Ordinal);
        // The agent's own socket connections are audited too; they must not make root the owner of what it lists.
        if (Environment.ProcessPath is { } self)
        {
            ignored.Add(self);
            var resolved = new FileInfo(self).ResolveLinkTarget(returnFinalTarget: true)?.FullName;
            if (resolved is not null)
            {
                ignored.Add(resolved);
            }
        }

        return ignored;
    }

    private Dictionary<string, long> EffectiveLimits(AgentCheckpoint checkpoint)
    {
        var limits = new Dictionary<string, long>(options.UserLimits, StringComparer.Ordinal);
        foreach (var (user, limit) in checkpoint.CentralLimits)
        {
            limits[user] = limit;
        }

        return limits;
    }

    private async Task<LocalUsers> ReadUsersAsync(CancellationToken cancellationToken)
    {
        try
        {
            return PasswdFile.Parse(await File.ReadAllTextAsync(agent.PasswdPath, cancellationToken).ConfigureAwait(false));
        }
        catch (IOException exception)
        {
            LogPasswdUnreadable(agent.PasswdPath, exception.Message);
            return LocalUsers.None;
        }
    }

    private async Task<IReadOnlyList<HostReportAction>> EnforceAsync(EnforcementPlan plan, CancellationToken cancellationToken)
    {
        var actions = new List<HostReportAction>(plan.Actions.Count);
        foreach (var action in plan.Actions)
        {
            var outcome = EnforcementOutcome.Planned;
            string? error = null;
            if (options.DryRun)
            {
                LogDryRun(action.ContainerId, action.Reason);
            }
            else
            {
                try
                {
                    var removed = await docker.StopAndRemoveAsync(action.ContainerId, action.StopFirst, cancellationToken).ConfigureAwait(false);
                    if (removed)
                    {
                        LogRemoved(action.ContainerId, action.Reason);
                    }
                    else
                    {
                        LogAlreadyGone(action.ContainerId, action.Reason);
                    }

                    // A container already gone is what removal wanted: its bytes are no longer the user's.
                    outcome = EnforcementOutcome.Removed;
                }
                catch (DockerApiException exception)
                {
                    // One refusal must not keep the user's other removals, the e-mail and the report from happening.
                    outcome = EnforcementOutcome.Failed;
                    error = $"{(int)exception.StatusCode} {exception.StatusCode}: {exception.ResponseBody}".Trim();
                    LogRemovalFailed(action.ContainerId, error, action.Reason);
                }
            }

            actions.Add(new HostReportAction(
                action.User,
                action.ContainerId,
                action.ContainerName,
                action.SizeRw,
                action.Created,
                action.StopFirst,
                action.UserBytesBefore,
                action.UserBytesAfter,
                action.LimitBytes,
                action.Reason,
                outcome,
                error));
        }

        return actions;
    }

    private List<QuotaEmail> Emails(IReadOnlyList<WarnNotice> warnings, EnforcementPlan plan)
    {
        var emails = warnings
            .Select(warning => new QuotaEmail(warning.User, $"Docker disk quota warning on {options.HostId}", $"{warning.Message}.\n\nRemove containers you no longer need on {options.HostId}; above the limit, containers are removed automatically."))
            .ToList();
        emails.AddRange(plan.Actions.Select(action => new QuotaEmail(
            action.User,
            options.DryRun ? $"Docker container would be removed on {options.HostId} (dry run)" : $"Docker container removed on {options.HostId}",
            $"{action.Reason}.\n\n{(options.DryRun ? "This host is in dry-run mode: nothing was removed." : "The container has been removed.")}")));
        return emails;
    }

    private void Stage(CycleStage stage, CancellationToken cancellationToken)
    {
        observer?.Reached(stage);
        cancellationToken.ThrowIfCancellationRequested();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cycle {CycleId}: {AuditLines} audit lines ({AuditRecords} records), {Events} events ({Applied} applied, {Skipped} already seen), {Containers} containers, {Images} images; {Used} bytes used, {Unattributed} unattributed")]
    private partial void LogCycle(string cycleId, long auditLines, int auditRecords, int events, int applied, int skipped, int containers, int images, long used, long unattributed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed container {ContainerId}: {Reason}")]
    private partial void LogRemoved(string containerId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dry run, would remove container {ContainerId}: {Reason}")]
    private partial void LogDryRun(string containerId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not remove container {ContainerId} ({Error}): {Reason}")]
    private partial void LogRemovalFailed(string containerId, string error, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Container {ContainerId} was already gone: {Reason}")]
    private partial void LogAlreadyGone(string containerId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {User} reached the warn level: {Message}")]
    private partial void LogWarnLevel(string user, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "The central service set the limits of {Count} users; they apply from the next cycle")]
    private partial void LogLimitsReceived(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The report of cycle {CycleId} could not be delivered: {Reason}")]
    private partial void LogReportFailed(string cycleId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The passwd file {Path} cannot be read ({Reason}); users are named uid:<n>")]
    private partial void LogPasswdUnreadable(string path, string reason);
}
