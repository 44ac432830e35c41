using Orbit.Hosts.Storage;

namespace Orbit.Functions.Hosts;

/// <summary>One host in <c>GET /api/hosts</c>: the figures as its latest report gave them, in bytes.</summary>
public sealed record HostListItem(
    string HostId, DateTimeOffset LastReportedAt, DateTimeOffset ReceivedAt, string CycleId, bool DryRun, int Users,
    long Used, long Total, long Free, double Percent, long TrackedUsage, long UnattributedUsage, long? ReservedBytes)
{
    public static HostListItem From(HostSummary host) => new(
        host.HostId, host.LastReportedAt, host.ReceivedAt, host.CycleId, host.DryRun, host.Users,
        host.Totals.UsedBytes, host.Totals.TotalBytes, host.Totals.FreeBytes, host.Totals.Percent,
        host.Totals.TrackedBytes, host.Totals.UnattributedBytes, host.ReservedBytes);
}
