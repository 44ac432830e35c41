using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orbit.HostAgent.Tests.Fixtures;
using Orbit.Hosts.Central;

namespace Orbit.HostAgent.Tests;

/// <summary>The agent's cycle on Podman reporting to the real central function app, and a limit set there coming back.</summary>
public sealed class AgentWithCentralServiceTests
{
    [Fact]
    public async Task The_central_service_stores_the_agents_usage_and_a_limit_set_there_is_enforced_on_the_host()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var cancellationToken = timeout.Token;
        await using var podman = await PodmanEngine.StartAsync();
        await using var central = await CentralFunctionApp.StartAsync();
        await using var agent = new AgentHarness(podman);
        using var containers = new TestContainers(podman);
        await containers.CreateAsync("alice-1", 3000, labelledUser: "alice");
        await containers.CreateAsync("bob-1", 2000, labelledUser: "bob");
        var options = agent.Options(callbackUrl: central.ReportsUrl);

        var first = await agent.Cycle(options).RunAsync(cancellationToken);

        Assert.True(first.Reported, Diagnostics(agent, central));
        var usage = await UsageAsync(central, cancellationToken);
        Assert.Equal(first.CycleId, usage.GetProperty("cycleId").GetString());
        Assert.Equal((3000L, 3000L, 1), UserFigures(usage, "alice"));
        Assert.Equal((2000L, 2000L, 1), UserFigures(usage, "bob"));

        using (var put = await central.PutQuotaAsync("alice", 1000, cancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        // The limit comes back in the answer to the next report, and the agent enforces it from the cycle after.
        var second = await agent.Cycle(options).RunAsync(cancellationToken);
        Assert.True(second.Reported, Diagnostics(agent, central));
        Assert.Empty(second.Plan.Actions);
        var third = await agent.Cycle(options).RunAsync(cancellationToken);

        Assert.True(third.Reported, Diagnostics(agent, central));
        var removal = Assert.Single(third.Report.Enforcement);
        Assert.Equal(("alice-1", EnforcementOutcome.Removed), (removal.ContainerName, removal.Outcome));
        Assert.Equal(["bob-1"], await containers.NamesAsync());
        var enforcing = await UsageAsync(central, cancellationToken);
        Assert.Equal(third.CycleId, enforcing.GetProperty("cycleId").GetString());
        Assert.Equal(1000, User(enforcing, "alice").GetProperty("reportedLimitBytes").GetInt64());

        // A report's usage is the listing's, taken before that cycle's removals; the next one shows the bytes freed.
        var fourth = await agent.Cycle(options).RunAsync(cancellationToken);
        Assert.True(fourth.Reported, Diagnostics(agent, central));
        var after = await UsageAsync(central, cancellationToken);
        Assert.Equal(fourth.CycleId, after.GetProperty("cycleId").GetString());
        var alice = User(after, "alice");
        Assert.Equal((0L, 1000L, false), (alice.GetProperty("usedBytes").GetInt64(), alice.GetProperty("limitBytes").GetInt64(), alice.GetProperty("overLimit").GetBoolean()));
        Assert.Equal((2000L, 2000L, 1), UserFigures(after, "bob"));
    }

    private static async Task<JsonElement> UsageAsync(CentralFunctionApp central, CancellationToken cancellationToken)
    {
        using var response = await central.GetUsageAsync(cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    private static JsonElement User(JsonElement usage, string name) =>
        usage.GetProperty("users").EnumerateArray().Single(user => user.GetProperty("user").GetString() == name);

    private static (long UsedBytes, long ContainerBytes, int Containers) UserFigures(JsonElement usage, string name)
    {
        var user = User(usage, name);
        return (user.GetProperty("usedBytes").GetInt64(), user.GetProperty("containerBytes").GetInt64(), user.GetProperty("containers").GetInt32());
    }

    private static string Diagnostics(AgentHarness agent, CentralFunctionApp central) =>
        string.Join("\n", agent.Logs.Lines.Select(line => line.Message)) + "\n" + central.Output;
}
