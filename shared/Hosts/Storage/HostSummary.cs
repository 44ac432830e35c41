using Orbit.Hosts.Central;

namespace Orbit.Hosts.Storage;

/// <summary>A host as its latest report left it.</summary>
/// <param name="LastReportedAt">The latest report's <see cref="HostReport.ReportedAt"/>.</param>
/// <param name="ReceivedAt">When the central service stored it.</param>
/// <param name="Totals">The figures as the agent reported them.</param>
/// <param name="Users">How many users the report listed.</param>
public sealed record HostSummary(
    string HostId,
    DateTimeOffset LastReportedAt,
    DateTimeOffset ReceivedAt,
    string CycleId,
    bool DryRun,
    long? ReservedBytes,
    HostReportTotals Totals,
    int Users);
