using Orbit.Hosts.Attribution;
using Orbit.Hosts.Central;
using Orbit.Hosts.Usage;

namespace Orbit.HostAgent.Reports;

/// <summary>A cycle's figures in the central service's report contract (<see cref="HostReport"/>).</summary>
public static class CycleReport
{
    public static HostReport Create(
        string hostId,
        string cycleId,
        DateTimeOffset reportedAt,
        bool dryRun,
        AttributionResult attribution,
        HostUsage usage,
        IReadOnlyList<HostReportAction> enforcement)
    {
        var containers = attribution.Containers
            .Where(container => container.User is not null)
            .GroupBy(container => container.User!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        var layers = attribution.Layers
            .Where(layer => layer.User is not null)
            .GroupBy(layer => layer.User!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        var users = usage.Users
            .Select(user => new HostReportUser(
                user.User,
                user.UsedBytes,
                user.ContainerBytes,
                user.LayerBytes,
                containers.GetValueOrDefault(user.User),
                layers.GetValueOrDefault(user.User),
                user.LimitBytes))
            .ToList();
        var totals = new HostReportTotals(usage.TrackedUsage, usage.UnattributedUsage, usage.Used, usage.Total, usage.Free, usage.Percent);
        return new HostReport(hostId, cycleId, reportedAt, dryRun, users, usage.UnattributedUsage, totals, enforcement, usage.ReservedBytes);
    }
}
