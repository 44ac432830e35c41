using Orbit.Testing;

namespace Orbit.Cli.Tests.Terminal;

/// <summary>The same command drawn for a person in a real pseudo-terminal, and written as plain stamped lines for a log.</summary>
public sealed class TerminalOutputTests
{
    private const string KeypadTransmit = "\u001b[?1h\u001b=";

    private static readonly string[] Plan = ["ci", "plan", "--services", "api,web", "--essential", "api", "--free-bytes", "6GiB"];

    [Fact]
    public async Task In_a_terminal_the_plan_is_a_bold_heading_and_a_drawn_table_without_time_stamps()
    {
        var run = await OrbitCli.RunInTerminalAsync(Plan);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("\u001b[1mTier medium: 6.0 GiB free", run.Output);
        Assert.Contains("╭", run.Output);
        Assert.Matches(@"│ api\s+│ build\s+│ essential: built in the medium tier", run.Output);
        Assert.DoesNotMatch(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", run.Output);
    }

    [Fact]
    public async Task Without_a_terminal_or_with_CI_true_every_line_is_plain_and_stamped()
    {
        var redirected = await OrbitCli.RunAsync(Plan);
        var ci = await OrbitCli.RunInTerminalAsync(Plan, new Dictionary<string, string?> { ["CI"] = "true" });
        foreach (var run in new[] { redirected, ci })
        {
            Assert.True(run.ExitCode == 0, run.ToString());

            // The .NET runtime itself switches a terminal's keypad to application mode when a program first writes to it
            // (dotnet --version does too); that is the terminal's set-up, not the tool's output.
            var output = run.Output.Replace(KeypadTransmit, string.Empty, StringComparison.Ordinal);
            Assert.DoesNotContain("\u001b[", output);
            Assert.DoesNotContain("╭", output);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.All(lines, line => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ ", line));
            Assert.Contains(lines, line => line.EndsWith("api  build  essential: built in the medium tier", StringComparison.Ordinal));
        }
    }
}
