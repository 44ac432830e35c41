using System.Text.Json;
using Orbit.HostAgent.Tests.Fixtures;
using Orbit.Hosts.Central;
using Orbit.Hosts.Enforcement;

namespace Orbit.HostAgent.Tests;

/// <summary>
/// alice (limit 3500) owns alice-old (1000 bytes), alice-mid (3000) and alice-new (2000), created a second apart;
/// bob (limit 0) and an unattributed container are far larger and must never be touched.
/// </summary>
public sealed class EnforcementOnPodmanTests
{
    private static readonly Dictionary<string, long> Limits = new() { ["alice"] = 3500, ["bob"] = 0 };

    [Theory]
    [InlineData(EnforcementOrder.NewestFirst, new[] { "alice-new", "alice-mid" })]
    [InlineData(EnforcementOrder.OldestFirst, new[] { "alice-old", "alice-mid" })]
    [InlineData(EnforcementOrder.LargestFirst, new[] { "alice-mid" })]
    public async Task An_over_quota_users_containers_are_removed_in_the_configured_order_until_under_quota(EnforcementOrder order, string[] expectedRemoved)
    {
        await using var podman = await PodmanEngine.StartAsync();
        await using var agent = new AgentHarness(podman);
        using var containers = new TestContainers(podman);
        await CreateHostAsync(containers);

        var outcome = await agent.Cycle(agent.Options(Limits, order)).RunAsync(CancellationToken.None);

        Assert.Equal(expectedRemoved, outcome.Plan.Actions.Select(action => action.ContainerName));
        var remaining = await containers.NamesAsync();
        var all = new[] { "alice-mid", "alice-new", "alice-old", "bob-big", "nobody-big" };
        Assert.Equal(all.Except(expectedRemoved).Order(StringComparer.Ordinal), remaining);
        Assert.Contains("bob-big", remaining);
        Assert.Contains("nobody-big", remaining);
        var reported = Assert.Single(agent.Central.Reports);
        Assert.True(reported.WouldBeStored, string.Join("; ", reported.Problems));
        Assert.False(reported.Body.GetProperty("dryRun").GetBoolean());
        Assert.Equal(expectedRemoved, reported.Body.GetProperty("enforcement").EnumerateArray().Select(action => action.GetProperty("containerName").GetString()));
        Assert.All(reported.Body.GetProperty("enforcement").EnumerateArray(), action => Assert.Equal("removed", action.GetProperty("outcome").GetString()));
        Assert.Contains(agent.Logs.Lines, line => line.Message.StartsWith("Removed container", StringComparison.Ordinal) && line.Message.Contains(order.ToName(), StringComparison.Ordinal));

        var after = await agent.Cycle(agent.Options(Limits, order)).RunAsync(CancellationToken.None);
        Assert.Empty(after.Plan.Actions);
        Assert.True(after.Usage.Users.Single(user => user.User == "alice").UsedBytes <= 3500);
    }

    [Fact]
    public async Task Dry_run_removes_nothing_and_reports_the_removals_a_real_run_then_makes()
    {
        await using var podman = await PodmanEngine.StartAsync();
        await using var agent = new AgentHarness(podman);
        using var containers = new TestContainers(podman);
        await CreateHostAsync(containers);
        var before = await containers.NamesAsync();

        var dryRun = await agent.Cycle(agent.Options(Limits, dryRun: true)).RunAsync(CancellationToken.None);

        Assert.Equal(before, await containers.NamesAsync());
        var dryReceived = Assert.Single(agent.Central.Reports);
        Assert.True(dryReceived.WouldBeStored, string.Join("; ", dryReceived.Problems));
        var dryReport = dryReceived.Body;
        Assert.True(dryReport.GetProperty("dryRun").GetBoolean());
        Assert.All(dryReport.GetProperty("enforcement").EnumerateArray(), action => Assert.Equal("planned", action.GetProperty("outcome").GetString()));

        var real = await agent.Cycle(agent.Options(Limits)).RunAsync(CancellationToken.None);

        Assert.Equal(["alice-new", "alice-mid"], dryRun.Plan.Actions.Select(action => action.ContainerName));
        Assert.Equal(dryRun.Plan.Actions.Select(action => action.ContainerId), real.Plan.Actions.Select(action => action.ContainerId));
        Assert.Equal(
            dryReport.GetProperty("enforcement").EnumerateArray().Select(action => action.GetProperty("containerId").GetString()),
            real.Report.Enforcement.Select(action => action.ContainerId));
        Assert.All(real.Report.Enforcement, action => Assert.Equal(EnforcementOutcome.Removed, action.Outcome));
        Assert.Equal(["alice-old", "bob-big", "nobody-big"], await containers.NamesAsync());
    }

    private static async Task CreateHostAsync(TestContainers containers)
    {
        // Listings give creation in whole seconds, so the three must be created in different seconds.
        await containers.CreateAsync("alice-old", 1000, labelledUser: "alice");
        await Task.Delay(1100);
        await containers.CreateAsync("alice-mid", 3000, labelledUser: "alice");
        await Task.Delay(1100);
        await containers.CreateAsync("alice-new", 2000, labelledUser: "alice");
        await containers.CreateAsync("bob-big", 9000, labelledUser: "bob");
        await containers.CreateAsync("nobody-big", 9000);
    }
}
