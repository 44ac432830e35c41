using Microsoft.Extensions.Logging.Abstractions;
using Orbit.HostAgent.Checkpoints;
using Orbit.HostAgent.Reports;
using Orbit.HostAgent.Tests.Fixtures;
using Orbit.Hosts.Agent;
using Orbit.Hosts.Audit;
using Orbit.Hosts.Central;
using Orbit.Hosts.Enforcement;
using Orbit.Hosts.Reports;

namespace Orbit.HostAgent.Tests;

/// <summary>Signed reports to a listener that verifies them as the central service does.</summary>
public sealed class ReportTests
{
    [Fact]
    public async Task A_cycles_report_is_signed_and_read_as_the_central_service_reads_it_and_the_limits_it_answers_apply_from_the_next_cycle()
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
        Assert.True(received.WouldBeStored, $"{received.Verdict}: {string.Join("; ", received.Problems)}");
        Assert.Equal(AgentHarness.HostId, received.Body.GetProperty("hostId").GetString());
        Assert.Equal(first.CycleId, received.Body.GetProperty("cycleId").GetString());
        Assert.False(received.Body.GetProperty("dryRun").GetBoolean());
        var alice = received.Body.GetProperty("users").EnumerateArray().Single(user => user.GetProperty("user").GetString() == "alice");
        Assert.Equal(3000, alice.GetProperty("usedBytes").GetInt64());
        Assert.Equal(3000, alice.GetProperty("containerBytes").GetInt64());
        Assert.Equal(0, alice.GetProperty("layerBytes").GetInt64());
        Assert.Equal(1, alice.GetProperty("containers").GetInt32());
        Assert.Equal(5000, alice.GetProperty("limitBytes").GetInt64());
        Assert.Equal(first.Usage.Used, received.Body.GetProperty("totals").GetProperty("usedBytes").GetInt64());
        Assert.Empty(received.Body.GetProperty("enforcement").EnumerateArray());

        var saved = await new CheckpointStore(agent.StateDirectory).LoadAsync(CancellationToken.None);
        Assert.Equal(1000, saved.CentralLimits["alice"]);

        agent.Central.LimitsToSend = null;
        var second = await agent.Cycle(agent.Options(new Dictionary<string, long> { ["alice"] = 5000 })).RunAsync(CancellationToken.None);

        Assert.Equal("alice-1", Assert.Single(second.Plan.Actions).ContainerName);
        Assert.Equal(1000, second.Usage.Users.Single(user => user.User == "alice").LimitBytes);
        var removal = Assert.Single(second.Report.Enforcement);
        Assert.Equal((EnforcementOutcome.Removed, 3000L, 0L, 1000L), (removal.Outcome, removal.UserBytesBefore, removal.UserBytesAfter, removal.LimitBytes));
        Assert.True(agent.Central.Reports.Last().WouldBeStored, string.Join("; ", agent.Central.Reports.Last().Problems));
    }

    [Fact]
    public async Task A_transient_failure_is_retried_and_each_attempt_is_signed_afresh_in_a_later_second()
    {
        await using var central = new CentralServiceListener(AgentHarness.HostId, AgentHarness.Secret);
        central.FailNext(2);
        using var http = new HttpClient();
        var sender = new ReportSender(http, Options(central.Url), TimeProvider.System, NullLogger<ReportSender>.Instance, maxRetryAttempts: 3, firstRetryDelay: TimeSpan.FromMilliseconds(20));

        await sender.SendAsync(Report(), CancellationToken.None);

        Assert.True(Assert.Single(central.Reports).WouldBeStored);
        var timestamps = central.AttemptTimestamps.Select(stamp => long.Parse(stamp!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, timestamps.Count);
        Assert.Equal(timestamps.Order(), timestamps);
        Assert.Equal(3, timestamps.Distinct().Count());
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

    [Fact]
    public async Task A_report_the_central_reader_refuses_is_not_retried_and_the_sender_says_so()
    {
        await using var central = new CentralServiceListener(AgentHarness.HostId, AgentHarness.Secret);
        using var http = new HttpClient();
        var sender = new ReportSender(http, Options(central.Url), TimeProvider.System, NullLogger<ReportSender>.Instance, maxRetryAttempts: 3, firstRetryDelay: TimeSpan.FromMilliseconds(20));
        var inconsistent = Report() with { Totals = Report().Totals with { TrackedBytes = 11 } };

        var refusal = await Assert.ThrowsAsync<HttpRequestException>(() => sender.SendAsync(inconsistent, CancellationToken.None));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refusal.StatusCode);
        Assert.Contains(Assert.Single(central.Reports).Problems, problem => problem.StartsWith("totals.trackedBytes", StringComparison.Ordinal));
    }

    private static HostReport Report() => new(
        AgentHarness.HostId,
        "cycle-1",
        DateTimeOffset.UtcNow,
        false,
        [new HostReportUser("alice", 10, 10, 0, 1, 0, 20)],
        0,
        new HostReportTotals(10, 0, 10, 20, 10, 50),
        []);
}
