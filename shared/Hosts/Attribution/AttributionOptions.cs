namespace Orbit.Hosts.Attribution;

/// <summary>How audit records are matched to containers and images.</summary>
/// <param name="Window">How far an audit record may be from a container's Created time (either side) to count; default 5 s.</param>
/// <param name="PullWindow">
/// How long before an image event its audit record may be: the client connects when a pull starts and the event comes
/// when it ends, so this is the longest pull expected; default 10 minutes.
/// </param>
/// <param name="UserLabel">The container label that names its user and wins over audit records; default "orbit.user".</param>
/// <param name="IgnoredExecutables">
/// Executables whose audit records never attribute anything: the agent's own socket connections would otherwise make
/// root the owner of every container created near a cycle.
/// </param>
/// <param name="EventMemory">
/// How long event keys are remembered to recognise an event read twice, and how much longer than the widest window audit
/// records are kept for containers that only show up in a later cycle's listing; default 10 minutes (keep it above the
/// cycle interval).
/// </param>
public sealed record AttributionOptions(
    TimeSpan Window,
    TimeSpan PullWindow,
    string UserLabel,
    IReadOnlySet<string> IgnoredExecutables,
    TimeSpan EventMemory)
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(5);

    public static AttributionOptions Default { get; } = new(
        DefaultWindow,
        TimeSpan.FromMinutes(10),
        "orbit.user",
        new HashSet<string>(StringComparer.Ordinal),
        TimeSpan.FromMinutes(10));

    /// <summary>Audit records older than this (before the newest one seen) are dropped from the state.</summary>
    public TimeSpan AuditMemory => (Window > PullWindow ? Window : PullWindow) + EventMemory;
}
