using Orbit.Cli.Ci;

namespace Orbit.Cli.Tests.Ci;

public sealed class TierPlannerTests
{
    private const long GiB = TierThresholds.GiB;

    public static TheoryData<long, BuildTier> Boundaries => new()
    {
        { (2 * GiB) - 1, BuildTier.Abort },
        { 2 * GiB, BuildTier.Minimal },
        { (2 * GiB) + 1, BuildTier.Minimal },
        { (5 * GiB) - 1, BuildTier.Minimal },
        { 5 * GiB, BuildTier.Medium },
        { (5 * GiB) + 1, BuildTier.Medium },
        { (8 * GiB) - 1, BuildTier.Medium },
        { 8 * GiB, BuildTier.Medium },
        { (8 * GiB) + 1, BuildTier.Full },
        { 0, BuildTier.Abort },
        { long.MaxValue, BuildTier.Full },
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void The_tier_is_full_above_8_GiB_medium_from_5_minimal_from_2_and_abort_under_2(long freeBytes, BuildTier expected) =>
        Assert.Equal(expected, TierPlanner.TierFor(freeBytes, TierThresholds.Default));

    [Theory]
    [InlineData(9, "build,build,build,build")]
    [InlineData(6, "build,repoint,build,repoint")]
    [InlineData(3, "repoint,repoint,repoint,build")]
    [InlineData(1, "none,none,none,none")]
    public void Each_service_is_built_or_repointed_as_its_tier_says_in_the_order_given(long freeGiB, string actions)
    {
        var plan = TierPlanner.Plan(freeGiB * GiB, TierThresholds.Default, ["api", "web", "worker", "docs"], ["api", "worker"], ["docs"]);
        Assert.Equal(["api", "web", "worker", "docs"], plan.Services.Select(s => s.Service));
        Assert.Equal(actions.Split(','), plan.Services.Select(s => s.Action.ToString().ToLowerInvariant()));
        Assert.All(plan.Services, s => Assert.False(string.IsNullOrWhiteSpace(s.Why)));
    }

    [Fact]
    public void The_minimal_tier_builds_nothing_unless_named_and_repoints_every_service()
    {
        var plan = TierPlanner.Plan(3 * GiB, TierThresholds.Default, ["api", "web"], ["api"], []);
        Assert.Equal(BuildTier.Minimal, plan.Tier);
        Assert.Empty(plan.ToBuild);
        Assert.Equal(["api", "web"], plan.ToRepoint);
    }

    [Fact]
    public void An_abort_says_how_much_is_free_and_what_to_do()
    {
        var plan = TierPlanner.Plan(GiB + (GiB / 2), TierThresholds.Default, ["api"], [], []);
        Assert.Equal(BuildTier.Abort, plan.Tier);
        Assert.Contains("1.5 GiB free, less than 2.0 GiB", plan.Summary);
        Assert.Contains("docker system prune", plan.Summary);
    }

    [Fact]
    public void Configured_thresholds_move_the_boundaries()
    {
        var thresholds = new TierThresholds(20 * GiB, 10 * GiB, 4 * GiB);
        Assert.Equal(BuildTier.Medium, TierPlanner.TierFor(20 * GiB, thresholds));
        Assert.Equal(BuildTier.Full, TierPlanner.TierFor((20 * GiB) + 1, thresholds));
        Assert.Equal(BuildTier.Abort, TierPlanner.TierFor((4 * GiB) - 1, thresholds));
    }

    [Fact]
    public void Thresholds_out_of_order_and_services_not_listed_are_bad_usage()
    {
        var disorder = Assert.Throws<CliFailure>(() => TierPlanner.Plan(GiB, new TierThresholds(5 * GiB, 8 * GiB, 2 * GiB), ["api"], [], []));
        Assert.Equal(ExitCodes.BadUsage, disorder.ExitCode);
        var unknown = Assert.Throws<CliFailure>(() => TierPlanner.Plan(9 * GiB, TierThresholds.Default, ["api"], ["web"], []));
        Assert.Equal(ExitCodes.BadUsage, unknown.ExitCode);
        Assert.Contains("--essential names web", unknown.Message);
    }
}
