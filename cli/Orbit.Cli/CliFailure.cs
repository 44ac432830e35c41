namespace Orbit.Cli;

/// <summary>A failure the user can act on: the message is printed as it is, and the process exits with <see cref="ExitCode"/>.</summary>
public sealed class CliFailure(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliFailure BadUsage(string message) => new(ExitCodes.BadUsage, message);
}
