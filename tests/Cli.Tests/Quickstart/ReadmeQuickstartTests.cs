using System.Text.RegularExpressions;
using Orbit.Testing;

namespace Orbit.Cli.Tests.Quickstart;

/// <summary>
/// The README's quickstart, run as a newcomer runs it: <c>scripts/run</c> in the background until it says
/// <c>run: ready</c>, then the second block with bash, line for line. The only change made to the text is the ports:
/// the defaults (7071, 5000 and Azurite's) become free ones, so the test never collides with a developer's own run.
/// The tool is installed "globally" into a scratch HOME, so the machine's own tools are untouched.
/// </summary>
public sealed partial class ReadmeQuickstartTests
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task The_quickstart_runs_as_written_and_shows_the_cleanup_the_push_and_the_usage()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "README.md"));
        var block = QuickstartBlock().Match(readme);
        Assert.True(block.Success, "README.md has no quickstart block after its <!-- quickstart … --> marker");

        var (blob, queue, table, registry, app) = (FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());
        var state = ScratchDirectory.Create("orbit-quickstart-state-");
        var home = ScratchDirectory.Create("orbit-quickstart-home-");
        try
        {
            await using var run = ChildProcess.Start("scripts-run", Path.Combine(RepositoryPaths.Root, "scripts", "run"), [], new Dictionary<string, string?>
            {
                ["AZURITE_BLOB_PORT"] = blob.ToString(),
                ["AZURITE_QUEUE_PORT"] = queue.ToString(),
                ["AZURITE_TABLE_PORT"] = table.ToString(),
                ["REGISTRY_PORT"] = registry.ToString(),
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{app}",
                ["ORBIT_STATE_DIR"] = state,
            }, RepositoryPaths.Root);
            await Eventually.ReturnsAsync(() => Task.FromResult(run.Output), output =>
            {
                if (run.HasExited)
                {
                    Assert.Fail($"scripts/run exited {run.ExitCode} before it was ready:\n{run.Output}");
                }

                return output.Contains("run: ready", StringComparison.Ordinal);
            }, StartPatience, "scripts/run to print run: ready");
            Assert.Contains("Keys__Function__default", run.Output);
            Assert.Contains("run: building the service", run.Output);

            var script = block.Groups["commands"].Value
                .Replace("http://localhost:7071", $"http://127.0.0.1:{app}", StringComparison.Ordinal)
                .Replace("127.0.0.1:5000", $"127.0.0.1:{registry}", StringComparison.Ordinal);
            await using var quickstart = ChildProcess.Start("quickstart", "bash", ["-euo", "pipefail", "-c", script], new Dictionary<string, string?>
            {
                ["HOME"] = home,
                ["CI"] = "true",
                ["DOTNET_NOLOGO"] = "1",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            }, RepositoryPaths.Root);
            await quickstart.WaitForExitAsync(StartPatience);
            var output = quickstart.Output;
            Assert.True(quickstart.ExitCode == 0, $"the quickstart failed ({quickstart.ExitCode}):\n{output}\n--- scripts/run:\n{run.Output}");

            Assert.Matches(@"Workspace team-a: .* level warning, 5 images", output);
            Assert.Contains("Would delete 2", output);
            Assert.Matches(@"Freed [0-9.]+ KiB: deleted 2 images", output);
            Assert.Contains("deleted team-a/api:1.1 ", output);
            Assert.Contains("deleted team-a/api:1.2 ", output);
            Assert.Matches(@"Build completed: sha256:[0-9a-f]{64} tracked; workspace team-a now uses", output);
            Assert.Matches(@"Workspace team-a: .* level ok, 4 images", output);
        }
        finally
        {
            ScratchDirectory.TryDelete(state);
            ScratchDirectory.TryDelete(home);
        }
    }

    [GeneratedRegex(@"<!-- quickstart:[^\n]*-->\s*```sh\n(?<commands>.*?)```", RegexOptions.Singleline)]
    private static partial Regex QuickstartBlock();
}
