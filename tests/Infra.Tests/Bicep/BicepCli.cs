using System.Reflection;
using Orbit.Testing;

namespace Orbit.Infra.Tests.Bicep;

/// <summary>
/// The real Bicep CLI, from the NuGet package the solution's restore downloads (Azure.Bicep.CommandLine.linux-x64,
/// pinned as BicepCliVersion in Directory.Packages.props). Each run is a child process stopped when it overruns.
/// </summary>
public static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string Executable { get; } = typeof(BicepCli).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "BicepCli").Value
        ?? throw new InvalidOperationException("The test assembly does not say where the Bicep CLI is.");

    /// <summary><c>bicep build FILE --outfile OUT</c>: the ARM JSON goes to the file, only diagnostics to the output.</summary>
    public static Task<BicepRun> BuildAsync(string bicepFile, string outFile) => RunAsync("build", bicepFile, "--outfile", outFile);

    /// <summary><c>bicep build --pattern DIR/**/GLOB</c>: every matching template, each ARM JSON written beside its source.</summary>
    public static Task<BicepRun> BuildAllAsync(string directory, string glob) => RunAsync("build", "--pattern", Path.Combine(directory, "**", glob));

    /// <summary><c>bicep build-params --pattern DIR/**/GLOB</c>: every matching .bicepparam, each parameters JSON beside it.</summary>
    public static Task<BicepRun> BuildAllParamsAsync(string directory, string glob) => RunAsync("build-params", "--pattern", Path.Combine(directory, "**", glob));

    /// <summary><c>bicep lint --pattern DIR/**/GLOB</c>: every matching file, with the bicepconfig.json above it.</summary>
    public static Task<BicepRun> LintAllAsync(string directory, string glob) => RunAsync("lint", "--pattern", Path.Combine(directory, "**", glob));

    private static async Task<BicepRun> RunAsync(params string[] arguments)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"The Bicep CLI is not at {Executable}: run scripts/install (the solution's restore downloads it).");
        }

        await using var bicep = ChildProcess.Start("bicep", Executable, arguments);
        await bicep.WaitForExitAsync(Timeout);
        return new BicepRun(string.Join(' ', arguments), bicep.ExitCode, bicep.Output);
    }
}
