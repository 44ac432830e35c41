namespace Orbit.HostAgent.Reports;

/// <summary>One user's usage in a report; <see cref="LimitBytes"/> is null for a user without a limit.</summary>
public sealed record HostReportUser(string User, long UsedBytes, long? LimitBytes);
