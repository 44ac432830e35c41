using Orbit.Hosts.Enforcement;
using Orbit.Hosts.Usage;

namespace Orbit.Hosts.Tests.Enforcement;

public sealed class WarnLevelDetectorTests
{
    private static HostUsage Usage(params (string User, long Used, long? Limit)[] users) =>
        new([.. users.Select(user => new UserUsage(user.User, user.Used, 0, user.Limit))], 0, 0, 0, 0, 0, 0, 0, null);

    private static readonly IReadOnlySet<string> Nobody = new HashSet<string>();

    [Fact]
    public void User_crossing_the_warn_level_is_warned_once()
    {
        var first = WarnLevelDetector.Detect(Usage(("alice", 80, 100)), Nobody, 80);
        var second = WarnLevelDetector.Detect(Usage(("alice", 95, 100)), first.UsersAtWarnLevel, 80);

        var notice = Assert.Single(first.Notices);
        Assert.Equal("alice", notice.User);
        Assert.Contains("80.0%", notice.Message);
        Assert.Empty(second.Notices);
        Assert.Contains("alice", second.UsersAtWarnLevel);
    }

    [Fact]
    public void User_dropping_below_and_crossing_again_is_warned_again()
    {
        var above = WarnLevelDetector.Detect(Usage(("alice", 90, 100)), Nobody, 80);
        var below = WarnLevelDetector.Detect(Usage(("alice", 50, 100)), above.UsersAtWarnLevel, 80);
        var again = WarnLevelDetector.Detect(Usage(("alice", 85, 100)), below.UsersAtWarnLevel, 80);

        Assert.Empty(below.Notices);
        Assert.Single(again.Notices);
    }

    [Fact]
    public void Just_below_the_warn_level_is_not_warned() =>
        Assert.Empty(WarnLevelDetector.Detect(Usage(("alice", 7_999, 10_000)), Nobody, 80).Notices);

    [Fact]
    public void Users_with_zero_or_no_limit_are_never_warned() =>
        Assert.Empty(WarnLevelDetector.Detect(Usage(("bob", 1_000, 0), ("carol", 1_000, null)), Nobody, 80).Notices);
}
