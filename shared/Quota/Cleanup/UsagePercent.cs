using System.Globalization;

namespace Orbit.Quota.Cleanup;

/// <summary>Usage as a percentage of the quota with one decimal ("69.1%"), the same way in reasons and log lines.</summary>
public static class UsagePercent
{
    public static string Format(long bytes, long quotaBytes) =>
        (quotaBytes > 0 ? 100.0 * bytes / quotaBytes : 0).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
