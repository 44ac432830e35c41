using System.Globalization;
using Orbit.Hosts.Usage;

namespace Orbit.Hosts.Enforcement;

/// <summary>
/// Finds users who crossed the warn level (a percent of their limit) since the last cycle. A user who stays above it
/// is warned once; one who drops below and crosses again is warned again. Users without an enforced limit are never
/// warned.
/// </summary>
public static class WarnLevelDetector
{
    public static WarnLevelResult Detect(HostUsage usage, IReadOnlySet<string> previouslyAtWarnLevel, int warnPercent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(warnPercent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(warnPercent, 100);
        var atWarn = new HashSet<string>(StringComparer.Ordinal);
        var notices = new List<WarnNotice>();
        foreach (var user in usage.Users.Where(user => user.IsEnforced))
        {
            // Compared in bytes, not via a rounded percentage, so exactly at the level counts and a hair below does not.
            if (user.UsedBytes * 100m < user.LimitBytes!.Value * (decimal)warnPercent)
            {
                continue;
            }

            atWarn.Add(user.User);
            if (!previouslyAtWarnLevel.Contains(user.User))
            {
                notices.Add(new WarnNotice(
                    user.User,
                    user.UsedBytes,
                    user.LimitBytes.Value,
                    user.PercentOfLimit,
                    warnPercent,
                    string.Create(CultureInfo.InvariantCulture, $"user {user.User} uses {user.UsedBytes} bytes, {user.PercentOfLimit:0.0}% of a {user.LimitBytes.Value}-byte limit (warn level {warnPercent}%)")));
            }
        }

        return new WarnLevelResult(notices, atWarn);
    }
}
