namespace Orbit.Hosts.Reports;

/// <summary>The values of <see cref="ReportHeaders.Timestamp"/> and <see cref="ReportHeaders.Signature"/> for one report.</summary>
public sealed record SignedReportHeaders(string Timestamp, string Signature);
