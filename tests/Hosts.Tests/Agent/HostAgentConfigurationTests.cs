using System.Text;
using Orbit.Hosts.Agent;
using Orbit.Hosts.Enforcement;

namespace Orbit.Hosts.Tests.Agent;

public sealed class HostAgentConfigurationTests
{
    private const string File = """
        {
          "SLAVE_HOST_ID": "build-01",
          "MASTER_EVENT_CALLBACK_URL": "https://orbit.example/api/hosts/build-01/reports",
          "MASTER_EVENT_CALLBACK_SECRET": "file-secret-0123456789",
          "DOCKER_QUOTA_ENFORCEMENT_ORDER": "oldest_first",
          "DOCKER_QUOTA_RESERVED_BYTES": 500000000000,
          "DOCKER_QUOTA_USER_LIMITS": { "alice": 10000000000, "bob": 0 },
          "DOCKER_QUOTA_AUDIT_KEYS": [ "docker-socket", "docker-client", "podman-socket" ],
          "DOCKER_QUOTA_ATTRIBUTION_WINDOW_SECONDS": 3.5,
          "DOCKER_QUOTA_DRY_RUN": true
        }
        """;

    private static MemoryStream Json(string text) => new(Encoding.UTF8.GetBytes(text));

    private static HostAgentOptions Load(string? file, params (string Name, string Value)[] environment) =>
        HostAgentConfiguration.Load(file is null ? null : Json(file), environment.Select(pair => new KeyValuePair<string, string?>(pair.Name, pair.Value)));

    private static HostAgentConfigurationException LoadFails(string? file, params (string Name, string Value)[] environment) =>
        Assert.Throws<HostAgentConfigurationException>(() => Load(file, environment));

    [Fact]
    public void File_settings_are_read()
    {
        var options = Load(File);

        Assert.Equal("build-01", options.HostId);
        Assert.Equal(new Uri("https://orbit.example/api/hosts/build-01/reports"), options.CallbackUrl);
        Assert.Equal("file-secret-0123456789", options.CallbackSecret);
        Assert.Equal(EnforcementOrder.OldestFirst, options.EnforcementOrder);
        Assert.Equal(500_000_000_000, options.ReservedBytes);
        Assert.Equal(new Dictionary<string, long> { ["alice"] = 10_000_000_000, ["bob"] = 0 }, options.UserLimits);
        Assert.Equal(["docker-socket", "docker-client", "podman-socket"], options.AuditKeys);
        Assert.Equal(TimeSpan.FromSeconds(3.5), options.AttributionWindow);
        Assert.True(options.DryRun);
    }

    [Fact]
    public void Defaults_apply_when_only_the_required_settings_are_given()
    {
        var options = Load(null, ("SLAVE_HOST_ID", "h"), ("MASTER_EVENT_CALLBACK_URL", "http://localhost:7071/api/hosts/h/reports"), ("MASTER_EVENT_CALLBACK_SECRET", "0123456789abcdef"));

        Assert.Equal(EnforcementOrder.NewestFirst, options.EnforcementOrder);
        Assert.Null(options.ReservedBytes);
        Assert.Empty(options.UserLimits);
        Assert.Equal("/var/log/audit/audit.log", options.AuditLogPath);
        Assert.Equal(["docker-socket", "docker-client"], options.AuditKeys);
        Assert.Equal(TimeSpan.FromSeconds(5), options.AttributionWindow);
        Assert.Equal(TimeSpan.FromSeconds(120), options.Interval);
        Assert.False(options.DryRun);
        Assert.Equal(80, options.WarnPercent);
    }

    [Fact]
    public void Environment_overrides_the_file()
    {
        var options = Load(
            File,
            ("SLAVE_HOST_ID", "build-02"),
            ("MASTER_EVENT_CALLBACK_SECRET", "environment-secret-0123"),
            ("DOCKER_QUOTA_ENFORCEMENT_ORDER", "largest_first"),
            ("DOCKER_QUOTA_USER_LIMITS__alice", "42"),
            ("DOCKER_QUOTA_AUDIT_KEYS", "only-this"),
            ("DOCKER_QUOTA_DRY_RUN", "false"));

        Assert.Equal("build-02", options.HostId);
        Assert.Equal("environment-secret-0123", options.CallbackSecret);
        Assert.Equal(EnforcementOrder.LargestFirst, options.EnforcementOrder);
        Assert.Equal(new Dictionary<string, long> { ["alice"] = 42, ["bob"] = 0 }, options.UserLimits);
        Assert.Equal(["only-this"], options.AuditKeys);
        Assert.False(options.DryRun);
        Assert.Equal(500_000_000_000, options.ReservedBytes);
    }

    [Fact]
    public void Limits_set_as_one_json_object_in_the_environment_replace_the_files()
    {
        var options = Load(File, ("DOCKER_QUOTA_USER_LIMITS", """{"carol": 7}"""));

        Assert.Equal(new Dictionary<string, long> { ["carol"] = 7 }, options.UserLimits);
    }

    [Fact]
    public void Process_environment_variables_override_the_file()
    {
        // The real environment provider, not a stand-in: the names are the agent's own, used by nothing else in this process.
        Environment.SetEnvironmentVariable("DOCKER_QUOTA_WARN_PERCENT", "91");
        Environment.SetEnvironmentVariable("DOCKER_QUOTA_RESERVED_BYTES", "123");
        try
        {
            var options = HostAgentConfiguration.Load(Json(File));

            Assert.Equal(91, options.WarnPercent);
            Assert.Equal(123, options.ReservedBytes);
            Assert.Equal(EnforcementOrder.OldestFirst, options.EnforcementOrder);
        }
        finally
        {
            Environment.SetEnvironmentVariable("DOCKER_QUOTA_WARN_PERCENT", null);
            Environment.SetEnvironmentVariable("DOCKER_QUOTA_RESERVED_BYTES", null);
        }
    }

    [Fact]
    public void Every_problem_is_reported_at_once_naming_its_setting()
    {
        var failure = LoadFails(
            """{ "MASTER_EVENT_CALLBACK_URL": "ftp://x", "MASTER_EVENT_CALLBACK_SECRET": "short", "DOCKER_QUOTA_ENFORCEMENT_ORDER": "random", "DOCKER_QUOTA_RESERVED_BYTES": "-1", "DOCKER_QUOTA_USER_LIMITS": { "alice": "ten" }, "DOCKER_QUOTA_SYNC_INTERVAL_SECONDS": 0, "DOCKER_QUOTA_WARN_PERCENT": 150, "DOCKER_QUOTA_DRY_RUN": "maybe" }""");

        Assert.Collection(
            failure.Problems,
            problem => Assert.StartsWith("SLAVE_HOST_ID is required", problem),
            problem => Assert.StartsWith("MASTER_EVENT_CALLBACK_URL must be an absolute http or https URL", problem),
            problem => Assert.StartsWith("MASTER_EVENT_CALLBACK_SECRET must be at least 16 characters", problem),
            problem => Assert.Equal("DOCKER_QUOTA_ENFORCEMENT_ORDER must be one of newest_first, oldest_first, largest_first; it is \"random\".", problem),
            problem => Assert.StartsWith("DOCKER_QUOTA_RESERVED_BYTES must be a whole number of bytes", problem),
            problem => Assert.StartsWith("DOCKER_QUOTA_USER_LIMITS for \"alice\" must be a whole number of bytes", problem),
            problem => Assert.StartsWith("DOCKER_QUOTA_SYNC_INTERVAL_SECONDS must be a number of seconds above 0", problem),
            problem => Assert.StartsWith("DOCKER_QUOTA_DRY_RUN must be true or false", problem),
            problem => Assert.StartsWith("DOCKER_QUOTA_WARN_PERCENT must be a whole percent from 1 to 100", problem));
        Assert.DoesNotContain("short", failure.Message.Replace("MASTER_EVENT_CALLBACK_SECRET", "", StringComparison.Ordinal).Replace("it has 5", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_secret_is_reported()
    {
        var failure = LoadFails(null, ("SLAVE_HOST_ID", "h"), ("MASTER_EVENT_CALLBACK_URL", "http://localhost/"));

        Assert.Equal(["MASTER_EVENT_CALLBACK_SECRET is required: the key reports are signed with."], failure.Problems);
    }

    [Fact]
    public void Malformed_json_file_is_reported_as_such()
    {
        var failure = LoadFails("{ \"SLAVE_HOST_ID\": ");

        Assert.Contains("CONFIG_PATH file is not a valid JSON object", Assert.Single(failure.Problems));
    }

    [Fact]
    public void Options_never_print_the_secret() =>
        Assert.DoesNotContain("file-secret", Load(File).ToString(), StringComparison.Ordinal);
}
