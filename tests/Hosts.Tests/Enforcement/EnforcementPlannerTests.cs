using Orbit.Hosts.Attribution;
using Orbit.Hosts.Enforcement;
using Orbit.Hosts.Usage;

namespace Orbit.Hosts.Tests.Enforcement;

public sealed class EnforcementPlannerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    private static ContainerAttribution Container(string id, string? user, int createdMinute, long sizeRw, string state = "exited") =>
        new(new ContainerSnapshot(id, [id], new Dictionary<string, string>(), T0.AddMinutes(createdMinute), sizeRw, state), user, user is null ? AttributionSource.None : AttributionSource.AuditRecord);

    // alice: 4 containers, 100+300+200+50 = 650 bytes against a 300-byte limit. bob is over a 0 limit, carol has no
    // limit, dave is under his; "u" containers are unattributed.
    private static readonly ContainerAttribution[] Containers =
    [
        Container("a-old", "alice", 1, 100),
        Container("a-big", "alice", 2, 300, "running"),
        Container("a-mid", "alice", 3, 200),
        Container("a-new", "alice", 4, 50),
        Container("b1", "bob", 5, 10_000),
        Container("c1", "carol", 5, 10_000),
        Container("d1", "dave", 5, 10),
        Container("u1", null, 6, 50_000),
    ];

    private static readonly Dictionary<string, long> Limits = new() { ["alice"] = 300, ["bob"] = 0, ["dave"] = 100 };

    private static EnforcementPlan Plan(EnforcementOrder order, IReadOnlyList<ContainerAttribution>? containers = null, IReadOnlyList<LayerAttribution>? layers = null)
    {
        containers ??= Containers;
        var usage = HostUsageCalculator.Calculate(containers, layers ?? [], Limits, null);
        return EnforcementPlanner.Plan(usage, containers, order);
    }

    [Theory]
    [InlineData(EnforcementOrder.NewestFirst, new[] { "a-new", "a-mid", "a-big" })]
    [InlineData(EnforcementOrder.OldestFirst, new[] { "a-old", "a-big" })]
    [InlineData(EnforcementOrder.LargestFirst, new[] { "a-big", "a-mid" })]
    public void Removes_the_users_containers_in_order_until_under_quota(EnforcementOrder order, string[] expected)
    {
        var plan = Plan(order);

        Assert.Equal(expected, plan.Actions.Select(action => action.ContainerId));
        Assert.All(plan.Actions, action => Assert.Equal("alice", action.User));
        var alice = Assert.Single(plan.Users);
        Assert.True(alice.ReachesLimit);
        Assert.True(alice.ProjectedBytes <= 300);
        Assert.Equal(650, alice.UsedBytes);
        Assert.Equal(alice.ProjectedBytes, plan.Actions[^1].UserBytesAfter);
    }

    [Fact]
    public void Never_touches_zero_limit_unlimited_other_or_unattributed_containers()
    {
        var plan = Plan(EnforcementOrder.LargestFirst);

        Assert.DoesNotContain(plan.Actions, action => action.ContainerId is "b1" or "c1" or "d1" or "u1");
        Assert.DoesNotContain(plan.Users, user => user.User is "bob" or "carol" or "dave");
    }

    [Fact]
    public void Running_container_is_stopped_before_removal_and_others_are_not()
    {
        var plan = Plan(EnforcementOrder.LargestFirst);

        Assert.True(plan.Actions.Single(action => action.ContainerId == "a-big").StopFirst);
        Assert.False(plan.Actions.Single(action => action.ContainerId == "a-mid").StopFirst);
    }

    [Fact]
    public void Reason_names_user_usage_limit_and_order()
    {
        var action = Plan(EnforcementOrder.OldestFirst).Actions[0];

        Assert.Contains("alice", action.Reason);
        Assert.Contains("650 bytes", action.Reason);
        Assert.Contains("300-byte limit", action.Reason);
        Assert.Contains("oldest_first", action.Reason);
        Assert.Contains("a-old", action.Reason);
        Assert.Equal("user alice uses 650 bytes of a 300-byte limit (216.7%); removing container a-old (100 bytes, created 2026-11-24 08:01:00Z), oldest_first", action.Reason);
        Assert.Equal(650, action.UserBytesBefore);
        Assert.Equal(550, action.UserBytesAfter);
    }

    [Fact]
    public void User_over_quota_by_layers_alone_gets_every_container_removed_and_is_reported_as_still_over()
    {
        var plan = Plan(EnforcementOrder.NewestFirst, layers: [new LayerAttribution("base", 1_000, "alice")]);

        Assert.Equal(4, plan.Actions.Count);
        var alice = Assert.Single(plan.Users);
        Assert.False(alice.ReachesLimit);
        Assert.Equal(1_000, alice.ProjectedBytes);
    }

    [Fact]
    public void User_exactly_at_the_limit_is_not_over_it()
    {
        var plan = Plan(EnforcementOrder.NewestFirst, [Container("a1", "alice", 1, 300)]);

        Assert.True(plan.IsEmpty);
        Assert.Empty(plan.Users);
    }

    [Fact]
    public void Empty_containers_are_skipped_as_they_free_nothing()
    {
        var plan = Plan(EnforcementOrder.NewestFirst, [Container("a-empty", "alice", 9, 0), Container("a1", "alice", 1, 400)]);

        Assert.Equal(["a1"], plan.Actions.Select(action => action.ContainerId));
    }

    [Fact]
    public void Dry_run_and_real_run_plan_the_same_list()
    {
        Assert.Equal(Plan(EnforcementOrder.NewestFirst).Actions, Plan(EnforcementOrder.NewestFirst).Actions);
    }

    [Theory]
    [InlineData("newest_first", EnforcementOrder.NewestFirst)]
    [InlineData("OLDEST_FIRST", EnforcementOrder.OldestFirst)]
    [InlineData(" largest_first ", EnforcementOrder.LargestFirst)]
    public void Order_names_parse(string name, EnforcementOrder expected)
    {
        Assert.True(EnforcementOrders.TryParse(name, out var order));
        Assert.Equal(expected, order);
        Assert.Equal(name.Trim().ToLowerInvariant(), order.Value.ToName());
    }

    [Fact]
    public void Unknown_order_name_does_not_parse() => Assert.False(EnforcementOrders.TryParse("random", out _));
}
