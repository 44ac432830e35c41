namespace Orbit.Functions.Dashboard;

/// <summary>Settings of the operator dashboard (section <c>Dashboard</c>).</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>
    /// The SHA-256 (hex) of the master key, which sign-in compares the presented key with. The Functions host keeps the
    /// master key and never hands it to the worker (the local host does the same), so the app is told its hash; unset,
    /// every sign-in is refused.
    /// </summary>
    public string? AdminKeySha256 { get; set; }

    /// <summary>How long a session lasts from sign-in; at most 12 hours.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The blob container holding the Data Protection keys that sign sessions, shared by every instance.</summary>
    public string KeyContainer { get; set; } = "dashboard-keys";

    /// <summary>Workspaces on one page of the overview.</summary>
    public int WorkspacesPerPage { get; set; } = 100;

    /// <summary>
    /// Images on one page of a workspace. Each shows its unique bytes, read from the reference counts of its blobs: up to a
    /// couple of hundred blobs are read by key, more by a scan of all the workspace's blob rows (docs/benchmarks.md: 200
    /// images a page made a 10,000-image workspace's page three times slower than 50).
    /// </summary>
    public int ImagesPerPage { get; set; } = 50;

    /// <summary>Cleanups a workspace page shows, newest first (the history keeps up to <c>Quota:CleanupHistoryPerWorkspace</c>).</summary>
    public int CleanupsShown { get; set; } = 20;

    /// <summary>Builds created this long ago or later are on the builds page.</summary>
    public TimeSpan RecentBuilds { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Builds the builds page lists at most: the running ones first, then the newest finished.</summary>
    public int BuildsShown { get; set; } = 100;

    /// <summary>A Docker-host user's warn level in percent of their limit: the agents' default (their <c>WarnPercent</c>, 80).</summary>
    public int HostWarnPercent { get; set; } = 80;

    public IEnumerable<string> Problems()
    {
        if (AdminKeySha256 is { Length: > 0 } hash && (hash.Length != 64 || !hash.All(Uri.IsHexDigit)))
        {
            yield return "Dashboard:AdminKeySha256 must be 64 hex digits, the SHA-256 of the master key.";
        }

        if (SessionLifetime <= TimeSpan.Zero || SessionLifetime > TimeSpan.FromHours(12))
        {
            yield return $"Dashboard:SessionLifetime must be more than 0 and at most 12 hours; it is {SessionLifetime}.";
        }

        if (string.IsNullOrWhiteSpace(KeyContainer))
        {
            yield return "Dashboard:KeyContainer must name a blob container.";
        }

        foreach (var (name, value, max) in new[] { ("WorkspacesPerPage", WorkspacesPerPage, 1000), ("ImagesPerPage", ImagesPerPage, 1000), ("CleanupsShown", CleanupsShown, 1000), ("BuildsShown", BuildsShown, 1000) })
        {
            if (value < 1 || value > max)
            {
                yield return $"Dashboard:{name} must be between 1 and {max}; it is {value}.";
            }
        }

        if (RecentBuilds <= TimeSpan.Zero)
        {
            yield return $"Dashboard:RecentBuilds must be more than 0; it is {RecentBuilds}.";
        }

        if (HostWarnPercent is < 1 or > 100)
        {
            yield return $"Dashboard:HostWarnPercent must be between 1 and 100; it is {HostWarnPercent}.";
        }
    }
}
