using Orbit.Hosts.Central;
using Orbit.Hosts.Usage;

namespace Orbit.Hosts.Tests.Central;

/// <summary>Consistent reports for the Central tests: totals computed the way the agent computes them.</summary>
internal static class CentralReports
{
    public static HostReportUser User(string name, long containerBytes, long layerBytes, long? limitBytes = null, int containers = 1, int layers = 1) =>
        new(name, containerBytes + layerBytes, containerBytes, layerBytes, containers, layers, limitBytes);

    public static HostReportAction Removal(string user, string container, long sizeRw, long limitBytes, EnforcementOutcome outcome = EnforcementOutcome.Removed) =>
        new(user, $"{container}-id", container, sizeRw, DateTimeOffset.Parse("2026-11-24T08:02:00Z"), true, sizeRw + limitBytes, limitBytes, limitBytes,
            $"user {user} is over its {limitBytes}-byte limit; removing running container {container} ({sizeRw} bytes), newest_first", outcome);

    public static HostReport Report(
        string hostId,
        string cycleId,
        DateTimeOffset reportedAt,
        IReadOnlyList<HostReportUser> users,
        long unattributedBytes,
        IReadOnlyList<HostReportAction>? enforcement = null,
        bool dryRun = false,
        long? reservedBytes = null)
    {
        var usage = HostUsageCalculator.Calculate(
            users.ToDictionary(user => user.User, user => user.ContainerBytes),
            users.ToDictionary(user => user.User, user => user.LayerBytes),
            unattributedBytes,
            users.Where(user => user.LimitBytes is not null).ToDictionary(user => user.User, user => user.LimitBytes!.Value),
            reservedBytes);
        var totals = new HostReportTotals(usage.TrackedUsage, usage.UnattributedUsage, usage.Used, usage.Total, usage.Free, usage.Percent);
        return new HostReport(hostId, cycleId, reportedAt, dryRun, users, unattributedBytes, totals, enforcement ?? [], reservedBytes);
    }
}
