namespace Orbit.HostAgent.Reports;

/// <summary>One enforcement removal, carried out or (in dry run) only planned.</summary>
public sealed record HostReportAction(string ContainerId, string User, string Action, string Reason, bool DryRun);
