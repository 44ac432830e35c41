namespace Orbit.Infra.Tests.Bicep;

/// <summary>What one run of the Bicep CLI said: its exit code, its whole output and the diagnostics in it.</summary>
public sealed record BicepRun(string Command, int ExitCode, string Output)
{
    public IReadOnlyList<BicepDiagnostic> Diagnostics { get; } = BicepDiagnostic.ParseAll(Output);

    /// <summary>Exit code 0 and nothing said: no error, no warning, no other line.</summary>
    public bool IsClean => ExitCode == 0 && string.IsNullOrWhiteSpace(Output);

    public override string ToString() => $"bicep {Command} exited {ExitCode}:{Environment.NewLine}{Output}";
}
