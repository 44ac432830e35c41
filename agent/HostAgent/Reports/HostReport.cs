namespace Orbit.HostAgent.Reports;

/// <summary>The body the agent posts to <c>MASTER_EVENT_CALLBACK_URL</c> after every cycle (camelCase JSON).</summary>
public sealed record HostReport(
    string HostId,
    DateTimeOffset ReportedAt,
    string CycleId,
    IReadOnlyList<HostReportUser> Users,
    long UnattributedBytes,
    long Used,
    long Total,
    long Free,
    double Percent,
    IReadOnlyList<HostReportAction> Actions);
