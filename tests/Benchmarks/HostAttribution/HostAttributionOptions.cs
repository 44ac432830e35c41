namespace Orbit.Benchmarks.HostAttribution;

/// <param name="Containers">Containers listed on the host.</param>
/// <param name="AuditLines">Lines in the audit log read by the cycle (a SYSCALL, CWD, PATH and PROCTITLE line per event).</param>
/// <param name="Images">Images listed, with shared base layers.</param>
/// <param name="Users">Users in passwd, each with a limit.</param>
/// <param name="Runs">Timed cycles after one warm-up; the summary reports medians.</param>
internal sealed record HostAttributionOptions(int Containers, int AuditLines, int Images, int Users, int Runs);
