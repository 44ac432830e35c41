namespace Orbit.Hosts.Usage;

/// <summary>
/// The host's usage, in the seed's semantics: used = attributed + unattributed, used + free = total, percent within
/// [0, 100]. <see cref="Other"/> is what the dashboard's bar shows beside the tracked users (used - tracked).
/// </summary>
/// <param name="Users">Every user with usage or a limit, by name.</param>
/// <param name="TrackedUsage">The users' attributed bytes together.</param>
/// <param name="UnattributedUsage">Containers and layers attributed to nobody.</param>
/// <param name="Used">Tracked + unattributed.</param>
/// <param name="Total">The reserved bytes when set; otherwise the sum of user limits + unattributed.</param>
/// <param name="Free">max(0, total - used).</param>
/// <param name="Percent">used / total in percent, clamped to [0, 100]; with total 0 it is 0 when nothing is used and 100 otherwise.</param>
/// <param name="Other">used - tracked (the unattributed part today; kept separate so the dashboard needs no knowledge of why).</param>
/// <param name="ReservedBytes">DOCKER_QUOTA_RESERVED_BYTES, or null when not set.</param>
public sealed record HostUsage(
    IReadOnlyList<UserUsage> Users,
    long TrackedUsage,
    long UnattributedUsage,
    long Used,
    long Total,
    long Free,
    double Percent,
    long Other,
    long? ReservedBytes);
