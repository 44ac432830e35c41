using Orbit.Quota.Workspaces;

namespace Orbit.Quota.Tests.Workspaces;

public sealed class QuotaPolicyTests
{
    private static readonly WorkspaceId Workspace = WorkspaceId.TryParse("ws-1", out var id) ? id : throw new InvalidOperationException();

    [Fact]
    public void The_defaults_are_valid() => Assert.Empty(new QuotaPolicy(1000).Problems());

    [Theory]
    [InlineData(0, 70, 80, 70, 90, "quotaBytes")]
    [InlineData(-5, 70, 80, 70, 90, "quotaBytes")]
    [InlineData(1000, 70, 80, 85, 90, "target")]
    [InlineData(1000, 70, 101, 70, 90, "trigger")]
    [InlineData(1000, 70, 80, 0, 90, "target")]
    [InlineData(1000, 95, 80, 70, 90, "criticalPercent")]
    public void Policies_that_cannot_work_are_refused_naming_the_setting(long quota, int warn, int trigger, int target, int critical, string named) =>
        Assert.Contains(new QuotaPolicy(quota, warn, trigger, target, critical).Problems(), problem => problem.Contains(named, StringComparison.Ordinal));

    [Theory]
    [InlineData(690, UsageLevel.Ok)]
    [InlineData(700, UsageLevel.Warning)]
    [InlineData(899, UsageLevel.Warning)]
    [InlineData(900, UsageLevel.Critical)]
    [InlineData(1500, UsageLevel.Critical)]
    public void The_level_follows_the_warn_and_critical_thresholds(long used, UsageLevel level) =>
        Assert.Equal(level, new WorkspaceUsage(Workspace, new QuotaPolicy(1000), used, 1).Level);
}
