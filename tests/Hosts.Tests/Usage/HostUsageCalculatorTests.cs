using CsCheck;
using Orbit.Hosts.Attribution;
using Orbit.Hosts.Usage;

namespace Orbit.Hosts.Tests.Usage;

public sealed class HostUsageCalculatorTests
{
    private static ContainerAttribution Container(string? user, long sizeRw) =>
        new(new ContainerSnapshot(Guid.NewGuid().ToString("N"), [], new Dictionary<string, string>(), DateTimeOffset.UnixEpoch, sizeRw, "created"), user, user is null ? AttributionSource.None : AttributionSource.Label);

    // alice 300 (200 in containers + 100 of layers), bob 100, unattributed 100 (60 container + 40 layer).
    private static readonly ContainerAttribution[] Containers = [Container("alice", 150), Container("alice", 50), Container("bob", 100), Container(null, 60)];
    private static readonly LayerAttribution[] Layers = [new("l1", 100, "alice"), new("l2", 40, null)];

    public static TheoryData<string, string, long?, long, long, long, double> Cases => new()
    {
        // name, limits ("user=bytes,…"), reserved, expected total, used, free, percent
        { "no limits, no reserved: total is the unattributed only", "", null, 100, 500, 0, 100 },
        { "all-zero limits count as nothing", "alice=0,bob=0", null, 100, 500, 0, 100 },
        { "limits sum plus unattributed", "alice=600,bob=300", null, 1000, 500, 500, 50 },
        { "limits below usage: free is 0, percent clamped", "alice=100,bob=100", null, 300, 500, 0, 100 },
        { "reserved larger than used", "alice=100", 2000L, 2000, 500, 1500, 25 },
        { "reserved smaller than used", "alice=100000", 400L, 400, 500, 0, 100 },
        { "reserved equal to used", "", 500L, 500, 500, 0, 100 },
        { "reserved zero with usage", "", 0L, 0, 500, 0, 100 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Totals_follow_the_seed_semantics(string name, string limits, long? reserved, long total, long used, long free, double percent)
    {
        var usage = HostUsageCalculator.Calculate(Containers, Layers, ParseLimits(limits), reserved);

        Assert.True(usage.Total == total, $"{name}: total {usage.Total}");
        Assert.Equal(used, usage.Used);
        Assert.Equal(free, usage.Free);
        Assert.Equal(percent, usage.Percent, 6);
        Assert.Equal(100, usage.UnattributedUsage);
        Assert.Equal(400, usage.TrackedUsage);
        Assert.Equal(usage.Used - usage.TrackedUsage, usage.Other);
        Assert.InRange(usage.Percent, 0, 100);
    }

    [Fact]
    public void Empty_host_without_limits_is_zero_percent()
    {
        var usage = HostUsageCalculator.Calculate([], [], new Dictionary<string, long>(), null);

        Assert.Equal(0, usage.Total);
        Assert.Equal(0, usage.Used);
        Assert.Equal(0, usage.Free);
        Assert.Equal(0, usage.Percent);
    }

    [Fact]
    public void Per_user_usage_adds_containers_and_owned_layers()
    {
        var usage = HostUsageCalculator.Calculate(Containers, Layers, ParseLimits("alice=1000,carol=0"), null);

        var alice = usage.Users.Single(user => user.User == "alice");
        Assert.Equal(200, alice.ContainerBytes);
        Assert.Equal(100, alice.LayerBytes);
        Assert.Equal(300, alice.UsedBytes);
        Assert.Equal(1000, alice.LimitBytes);
        Assert.Equal(30, alice.PercentOfLimit, 6);
        Assert.Null(usage.Users.Single(user => user.User == "bob").LimitBytes);
    }

    [Fact]
    public void Zero_limit_is_stored_but_not_enforced()
    {
        var usage = HostUsageCalculator.Calculate(Containers, Layers, ParseLimits("carol=0"), null);

        var carol = usage.Users.Single(user => user.User == "carol");
        Assert.Equal(0, carol.LimitBytes);
        Assert.False(carol.IsEnforced);
        Assert.False(carol.IsOverLimit);
    }

    [Fact]
    public void Used_plus_free_equals_total_whenever_used_fits() =>
        Gen.Select(Gen.Long[0, 1_000_000], Gen.Long[0, 1_000_000], Gen.Long[0, 1_000_000], Gen.Long[0, 3_000_000].Array[0, 4])
            .Sample((aliceBytes, unattributedBytes, extraLimit, limitValues) =>
            {
                var limits = limitValues.Select((limit, i) => ($"user{i}", limit)).ToDictionary(pair => pair.Item1, pair => pair.limit);
                limits["alice"] = extraLimit;
                var usage = HostUsageCalculator.Calculate([Container("alice", aliceBytes), Container(null, unattributedBytes)], [], limits, null);

                Assert.InRange(usage.Percent, 0, 100);
                Assert.Equal(usage.Used <= usage.Total ? usage.Total : usage.Used, usage.Used + usage.Free);
                Assert.Equal(usage.TrackedUsage + usage.UnattributedUsage, usage.Used);
            });

    private static Dictionary<string, long> ParseLimits(string limits) =>
        limits.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .ToDictionary(parts => parts[0], parts => long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
}
