using Orbit.Hosts.Storage;

namespace Orbit.Functions.Hosts;

/// <summary>
/// The body of <c>GET /api/hosts/{hostId}/usage</c>, in bytes: used = tracked + unattributed, free = max(0, total -
/// used), percent within [0, 100], other = used - tracked (the dashboard's grey segment).
/// </summary>
public sealed record HostUsageResponse(
    string HostId, DateTimeOffset LastReportedAt, DateTimeOffset ReceivedAt, string CycleId, bool DryRun, long? ReservedBytes,
    long Used, long Total, long Free, double Percent, long TrackedUsage, long UnattributedUsage, long Other,
    IReadOnlyList<HostUserUsageResponse> Users)
{
    public static HostUsageResponse From(CentralHostUsage usage) => new(
        usage.Host.HostId, usage.Host.LastReportedAt, usage.Host.ReceivedAt, usage.Host.CycleId, usage.Host.DryRun, usage.Host.ReservedBytes,
        usage.Usage.Used, usage.Usage.Total, usage.Usage.Free, usage.Usage.Percent, usage.Usage.TrackedUsage, usage.Usage.UnattributedUsage, usage.Usage.Other,
        usage.Usage.Users.Select(user =>
        {
            var reported = usage.Reported.GetValueOrDefault(user.User);
            return new HostUserUsageResponse(
                user.User, user.UsedBytes, user.ContainerBytes, user.LayerBytes, reported?.Containers ?? 0, reported?.Layers ?? 0,
                user.LimitBytes, reported?.ReportedLimitBytes, usage.CentralLimits.ContainsKey(user.User), user.IsEnforced, user.IsOverLimit, user.PercentOfLimit);
        }).ToList());
}
