namespace Orbit.HostAgent.Reports;

/// <summary>What the central service may answer: the users' limits as set there, to apply from the next cycle on.</summary>
public sealed record HostReportResponse(IReadOnlyDictionary<string, long>? Limits);
