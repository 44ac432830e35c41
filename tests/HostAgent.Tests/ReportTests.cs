using Microsoft.Extensions.Logging.Abstractions;
using Orbit.HostAgent.Checkpoints;
using Orbit.HostAgent.Reports;
using Orbit.HostAgent.Tests.Fixtures;
using Orbit.Hosts.Agent;
using Orbit.Hosts.Audit;
using Orbit.Hosts.Enforcement;
using Orbit.Hosts.Reports;

namespace Orbit.HostAgent.Tests;

/// <summary>Signed reports to a listener that verifies them as the central service does.</summary>
public sealed class ReportTests
{
    [Fact]
    public async Task A_report_carries_a_signature_the_central_verifier_accepts_and_the_limits_it_answers_apply_from_the_next_cycle()
    {
        await using var podman = await PodmanEngine.StartAsync();
        await using var agent = new AgentHarness(podman);
        using var containers = new TestContainers(podman);
        await containers.CreateAsync("alice-1", 3000, labelledUser: "alice");
        agent.Central.LimitsToSend = new Dictionary<string, long> { ["alice"] = 1000 };

        var first = await agent.Cycle(agent.Options(new Dictionary<string, long> { ["alice"] = 5000 })).RunAsync(CancellationToken.None);

        Assert.True(first.Reported);
        Assert.Empty(first.Plan.Actions);
        var received = Assert.Single(agent.Central.Reports);
        Assert.Equal(ReportVerdict.Accepted, received.Verdict);
        Assert.Equal(AgentHarness.HostId, received.Body.GetProperty("hostId").GetString());
        Assert.Equal(first.CycleId, received.Body.GetProperty("cycleId").GetString());
        var alice = received.Body.GetProperty("users").EnumerateArray().Single(user => user.GetProperty("user").GetString() == "alice");
        Assert.Equal(3000, alice.GetProperty("usedBytes").GetInt64());
        Assert.Equal(5000, alice.GetProperty("limitBytes").GetInt64());
        foreach (var field in (string[])["reportedAt", "unattributedBytes", "used", "total", "free", "percent", "actions"])
        {
            Assert.True(received.Body.TryGetProperty(field, out _), field);
        }

        var saved = await new CheckpointStore(agent.StateDirectory).LoadAsync(CancellationToken.None);
        Assert.Equal(1000, saved.CentralLimits["alice"]);

        agent.Central.LimitsToSend = null;
        var second = await agent.Cycle(agent.Options(new Dictionary<string, long> { ["alice"] = 5000 })).RunAsync(CancellationToken.None);

        Assert.Equal("alice-1", Assert.Single(second.Plan.Actions).ContainerName);
        Assert.Equal(1000, second.Usage.Users.Single(user => user.User == "alice").LimitBytes);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_and_each_attempt_is_signed_afresh()
    {
        await using var central = new CentralServiceListener(AgentHarness.HostId, AgentHarness.Secret);
        central.FailNext(2);
        using var http = new HttpClient();
        var sender = new ReportSender(http, Options(central.Url), TimeProvider.System, NullLogger<ReportSender>.Instance, maxRetryAttempts: 3, firstRetryDelay: TimeSpan.FromMilliseconds(20));

        await sender.SendAsync(Report(), CancellationToken.None);

        Assert.Equal(ReportVerdict.Accepted, Assert.Single(central.Reports).Verdict);
    }

    [Fact]
    public async Task A_report_signed_with_another_secret_is_refused_and_the_sender_says_so()
    {
        await using var central = new CentralServiceListener(AgentHarness.HostId, AgentHarness.Secret);
        using var http = new HttpClient();
        var sender = new ReportSender(http, Options(central.Url) with { CallbackSecret = "some-other-secret-entirely" }, TimeProvider.System, NullLogger<ReportSender>.Instance, maxRetryAttempts: 1, firstRetryDelay: TimeSpan.FromMilliseconds(20));

        var refusal = await Assert.ThrowsAsync<HttpRequestException>(() => sender.SendAsync(Report(), CancellationToken.None));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refusal.StatusCode);
        Assert.Equal(ReportVerdict.BadSignature, Assert.Single(central.Reports).Verdict);
    }

    private static HostAgentOptions Options(Uri url) => new(
        AgentHarness.HostId, url, AgentHarness.Secret, EnforcementOrder.NewestFirst, null, new Dictionary<string, long>(), "/nonexistent", AuditKeyFilter.DefaultKeys, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(120), false, 80);

    private static HostReport Report() => new(AgentHarness.HostId, DateTimeOffset.UtcNow, "cycle-1", [new HostReportUser("alice", 10, 20)], 0, 10, 20, 10, 50, []);
}
