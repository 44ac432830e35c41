namespace Orbit.Hosts.Central;

/// <summary>
/// What a host's agent posts to <c>/api/hosts/{hostId}/reports</c> after every cycle: its usage and what enforcement did.
/// Members without a default are required.
/// </summary>
/// <param name="CycleId">The agent's name for the cycle; a report retried for the same cycle stores its events once.</param>
/// <param name="ReportedAt">When the cycle listed the host; a report older than the stored one adds its events only.</param>
/// <param name="DryRun">Enforcement only planned: every action's outcome is <see cref="EnforcementOutcome.Planned"/>.</param>
/// <param name="Users">Every user with usage or a limit on the host, each once.</param>
/// <param name="UnattributedBytes">Containers and layers attributed to nobody.</param>
/// <param name="Totals">The host's figures as the agent computed them with its own limits and reserved bytes.</param>
/// <param name="Enforcement">The cycle's removals (done, failed or, in a dry run, planned), in the order taken.</param>
/// <param name="ReservedBytes">DOCKER_QUOTA_RESERVED_BYTES when the agent has it set.</param>
public sealed record HostReport(
    string HostId,
    string CycleId,
    DateTimeOffset ReportedAt,
    bool DryRun,
    IReadOnlyList<HostReportUser> Users,
    long UnattributedBytes,
    HostReportTotals Totals,
    IReadOnlyList<HostReportAction> Enforcement,
    long? ReservedBytes = null);
