using System.Text.Json;
using Orbit.HostAgent.Checkpoints;
using Orbit.HostAgent.Tests.Fixtures;
using Orbit.Hosts.Reports;
using Orbit.Testing;

namespace Orbit.HostAgent.Tests;

/// <summary>The agent as deployed: its own process, configured by CONFIG_PATH and the environment, on its timer.</summary>
public sealed class AgentProcessTests
{
    private static string AgentAssembly => Path.Combine(AppContext.BaseDirectory, "orbit-host-agent.dll");

    [Fact]
    public async Task The_agent_process_runs_a_cycle_at_start_and_then_every_interval_reporting_each_and_saving_its_checkpoint()
    {
        await using var podman = await PodmanEngine.StartAsync();
        await using var agent = new AgentHarness(podman);
        using var containers = new TestContainers(podman);
        await containers.CreateAsync("alice-1", 1200, labelledUser: "alice");
        var configPath = Path.Combine(agent.Directory, "config.json");
        await File.WriteAllTextAsync(configPath, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["SLAVE_HOST_ID"] = AgentHarness.HostId,
            ["MASTER_EVENT_CALLBACK_URL"] = "http://127.0.0.1:9/unused",
            ["MASTER_EVENT_CALLBACK_SECRET"] = AgentHarness.Secret,
            ["DOCKER_QUOTA_SYNC_INTERVAL_SECONDS"] = "600",
            ["DOCKER_QUOTA_USER_LIMITS"] = new Dictionary<string, long> { ["alice"] = 5000 },
        }));

        // The environment wins over the file: the callback URL and the interval come from here.
        await using var process = ChildProcess.Start("host-agent", "dotnet", [AgentAssembly], new Dictionary<string, string?>
        {
            ["CONFIG_PATH"] = configPath,
            ["MASTER_EVENT_CALLBACK_URL"] = agent.Central.Url.ToString(),
            ["DOCKER_QUOTA_SYNC_INTERVAL_SECONDS"] = "1",
            ["DOCKER_QUOTA_AUDIT_LOG_PATH"] = agent.Audit.Path,
            ["DOCKER_HOST"] = podman.Endpoint.ToString(),
            ["ORBIT_AGENT_STATE_DIRECTORY"] = agent.StateDirectory,
            ["ORBIT_AGENT_PASSWD_PATH"] = agent.PasswdPath,
        });

        await Eventually.ReturnsAsync(() => Task.FromResult(agent.Central.Reports.Count), count => count >= 2 || process.HasExited, TimeSpan.FromSeconds(60), "two reports from the agent process");
        await process.StopAsync(TimeSpan.FromSeconds(10));

        Assert.True(agent.Central.Reports.Count >= 2, process.Output);
        Assert.All(agent.Central.Reports, report => Assert.True(report.WouldBeStored, $"{report.Verdict}: {string.Join("; ", report.Problems)}"));
        var alice = agent.Central.Reports.First().Body.GetProperty("users").EnumerateArray().Single(user => user.GetProperty("user").GetString() == "alice");
        Assert.Equal(1200, alice.GetProperty("usedBytes").GetInt64());
        Assert.Equal(5000, alice.GetProperty("limitBytes").GetInt64());
        Assert.True((await new CheckpointStore(agent.StateDirectory).LoadAsync(CancellationToken.None)).CyclesCompleted >= 2);
        Assert.DoesNotContain(AgentHarness.Secret, process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_configuration_stops_the_agent_at_start_naming_every_problem_but_never_the_secret()
    {
        await using var process = ChildProcess.Start("host-agent", "dotnet", [AgentAssembly], new Dictionary<string, string?>
        {
            ["CONFIG_PATH"] = "",
            ["SLAVE_HOST_ID"] = "",
            ["MASTER_EVENT_CALLBACK_URL"] = "not a url",
            ["MASTER_EVENT_CALLBACK_SECRET"] = "short-secret",
            ["DOCKER_QUOTA_ENFORCEMENT_ORDER"] = "random",
        });

        await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("SLAVE_HOST_ID", process.Output, StringComparison.Ordinal);
        Assert.Contains("MASTER_EVENT_CALLBACK_URL", process.Output, StringComparison.Ordinal);
        Assert.Contains("MASTER_EVENT_CALLBACK_SECRET", process.Output, StringComparison.Ordinal);
        Assert.Contains("DOCKER_QUOTA_ENFORCEMENT_ORDER", process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("short-secret", process.Output, StringComparison.Ordinal);
    }
}
