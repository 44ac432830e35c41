namespace Orbit.Hosts.Central;

/// <summary>The host's figures in a report, in the seed's semantics (see <see cref="Usage.HostUsage"/>).</summary>
/// <param name="TrackedBytes">The users' bytes together.</param>
/// <param name="UsedBytes">Tracked + unattributed.</param>
/// <param name="TotalBytes">Reserved bytes when set, otherwise the sum of the limits + unattributed.</param>
/// <param name="FreeBytes">max(0, total - used).</param>
/// <param name="Percent">used / total in percent, within [0, 100].</param>
public sealed record HostReportTotals(long TrackedBytes, long UnattributedBytes, long UsedBytes, long TotalBytes, long FreeBytes, double Percent);
