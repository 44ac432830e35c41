namespace Orbit.Hosts.Central;

/// <summary>One enforcement action in a report: an <see cref="Enforcement.EnforcementAction"/> and what became of it.</summary>
public sealed record HostReportAction(
    string User,
    string ContainerId,
    string ContainerName,
    long SizeRw,
    DateTimeOffset Created,
    bool StopFirst,
    long UserBytesBefore,
    long UserBytesAfter,
    long LimitBytes,
    string Reason,
    EnforcementOutcome Outcome,
    string? Error = null);
