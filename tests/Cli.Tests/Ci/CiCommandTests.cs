using System.Diagnostics;
using System.Text.Json;
using Orbit.Cli.Ci;
using Orbit.Testing;

namespace Orbit.Cli.Tests.Ci;

/// <summary><c>orbit ci plan</c> and <c>ci check-space</c> as a pipeline runs them: a process, its output and its exit code.</summary>
public sealed class CiCommandTests
{
    private const long GiB = TierThresholds.GiB;

    public static TheoryData<long, string, int> Boundaries => new()
    {
        { (2 * GiB) - 1, "abort", ExitCodes.NotEnoughSpace },
        { 2 * GiB, "minimal", ExitCodes.Ok },
        { (5 * GiB) - 1, "minimal", ExitCodes.Ok },
        { 5 * GiB, "medium", ExitCodes.Ok },
        { 8 * GiB, "medium", ExitCodes.Ok },
        { (8 * GiB) + 1, "full", ExitCodes.Ok },
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public async Task Plan_prints_the_tier_as_json_and_exits_3_only_when_it_aborts(long freeBytes, string tier, int exitCode)
    {
        var run = await OrbitCli.RunAsync(["ci", "plan", "--services", "api,web,docs", "--essential", "api", "--minimal", "docs", "--free-bytes", freeBytes.ToString(), "--json"]);
        Assert.True(run.ExitCode == exitCode, run.ToString());
        var plan = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(tier, plan.GetProperty("tier").GetString());
        Assert.Equal(freeBytes, plan.GetProperty("freeBytes").GetInt64());
        Assert.Equal(3, plan.GetProperty("services").GetArrayLength());
        var expectedBuild = tier switch { "full" => new[] { "api", "web", "docs" }, "medium" => ["api"], "minimal" => ["docs"], _ => [] };
        Assert.Equal(expectedBuild, plan.GetProperty("build").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Plan_prints_a_line_per_service_with_its_reason_and_an_abort_says_so_on_standard_error()
    {
        var medium = await OrbitCli.RunAsync(["ci", "plan", "--services", "api,web", "--essential", "api", "--free-bytes", "6GiB"]);
        Assert.True(medium.ExitCode == 0, medium.ToString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ Tier medium: 6\.0 GiB free", medium.Output);
        Assert.Contains("api  build  essential: built in the medium tier", medium.Output);
        Assert.Contains("web  repoint  not essential", medium.Output);

        var abort = await OrbitCli.RunAsync(["ci", "plan", "--services", "api", "--free-bytes", "1GiB"]);
        Assert.Equal(ExitCodes.NotEnoughSpace, abort.ExitCode);
        Assert.Contains("Tier abort: only 1.0 GiB free, less than 2.0 GiB", abort.Error);
    }

    [Fact]
    public async Task Thresholds_and_services_come_from_the_config_file_and_flags_win_over_it()
    {
        var folder = ScratchDirectory.Create("orbit-ci-config-");
        await File.WriteAllTextAsync(Path.Combine(folder, "orbit-ci.json"), """
            { "services": ["api", "web"], "essential": ["web"], "fullAbove": "20GiB", "mediumFrom": "10GiB", "abortBelow": "4GiB" }
            """);
        var fromFile = await OrbitCli.RunAsync(["ci", "plan", "--free-bytes", "12GiB", "--json"], workingDirectory: folder);
        Assert.True(fromFile.ExitCode == 0, fromFile.ToString());
        var plan = JsonDocument.Parse(fromFile.Output).RootElement;
        Assert.Equal(("medium", "web"), (plan.GetProperty("tier").GetString(), plan.GetProperty("build")[0].GetString()));

        var flagWins = await OrbitCli.RunAsync(["ci", "plan", "--free-bytes", "12GiB", "--full-above", "11GiB", "--json"], workingDirectory: folder);
        Assert.Equal("full", JsonDocument.Parse(flagWins.Output).RootElement.GetProperty("tier").GetString());

        var aborts = await OrbitCli.RunAsync(["ci", "plan", "--free-bytes", "3GiB"], workingDirectory: folder);
        Assert.Equal(ExitCodes.NotEnoughSpace, aborts.ExitCode);
    }

    [Fact]
    public async Task Path_reads_the_real_free_space_of_a_folder_as_df_reports_it()
    {
        var folder = ScratchDirectory.Create("orbit-ci-path-");
        var run = await OrbitCli.RunAsync(["ci", "plan", "--services", "api", "--path", folder, "--json"]);
        var free = JsonDocument.Parse(run.Output).RootElement.GetProperty("freeBytes").GetInt64();
        var df = await DfAvailableAsync(folder);
        // Other builds write to this disk meanwhile: the two reads agree to within 256 MiB.
        Assert.InRange(free, df - (256L << 20), df + (256L << 20));
    }

    [Fact]
    public async Task Check_space_passes_above_the_minimum_and_fails_fast_with_exit_3_below_it()
    {
        var folder = ScratchDirectory.Create("orbit-ci-space-");
        var ok = await OrbitCli.RunAsync(["ci", "check-space", "--path", folder, "--min", "1MiB"]);
        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Contains($"free on {folder}; at least 1.0 MiB needed.", ok.Output);

        var df = await DfAvailableAsync(folder);
        var tooLittle = await OrbitCli.RunAsync(["ci", "check-space", "--path", folder, "--min", (df + (1L << 40)).ToString(), "--json"]);
        Assert.Equal(ExitCodes.NotEnoughSpace, tooLittle.ExitCode);
        Assert.False(JsonDocument.Parse(tooLittle.Output).RootElement.GetProperty("ok").GetBoolean());
        Assert.Contains("Not enough disk space", tooLittle.Error);
    }

    [Theory]
    [InlineData("ci", "plan", "--services", "api", "--free-bytes", "lots")]
    [InlineData("ci", "plan", "--services", "api", "--essential", "web", "--free-bytes", "9GiB")]
    [InlineData("ci", "plan", "--services", "api", "--path", "/no/such/folder")]
    [InlineData("ci", "plan", "--services", "api", "--no-such-flag")]
    [InlineData("ci", "repoint", "--registry", "http://127.0.0.1:1", "--repository", "a/b", "--tag", "x")]
    [InlineData("ci", "check-space", "--min", "two")]
    public async Task Bad_usage_exits_64_with_a_message(params string[] arguments)
    {
        var run = await OrbitCli.RunAsync(arguments);
        Assert.True(run.ExitCode == ExitCodes.BadUsage, run.ToString());
        Assert.Contains("orbit:", run.Error);
    }

    private static async Task<long> DfAvailableAsync(string folder)
    {
        using var df = Process.Start(new ProcessStartInfo("df", ["--output=avail", "-B1", folder]) { RedirectStandardOutput = true })!;
        var text = await df.StandardOutput.ReadToEndAsync();
        await df.WaitForExitAsync();
        return long.Parse(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Trim());
    }
}
