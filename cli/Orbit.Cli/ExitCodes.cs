namespace Orbit.Cli;

/// <summary>What <c>orbit</c> exits with; the one table of docs/cli.md. A pipeline branches on these, so they never change meaning.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Something no other code names went wrong (a bug, or an answer the tool does not understand).</summary>
    public const int Failure = 1;

    /// <summary>The build ended Failed or Terminated (<c>build status --wait</c>, <c>build start --wait</c>, <c>build pushed --wait</c>).</summary>
    public const int BuildFailed = 2;

    /// <summary>The disk has less free space than the abort threshold (<c>ci plan</c>) or <c>--min</c> (<c>ci check-space</c>).</summary>
    public const int NotEnoughSpace = 3;

    /// <summary>The service or the registry refused the credentials (401/403).</summary>
    public const int NotAuthorized = 4;

    /// <summary>The workspace, build, repository, tag or digest named does not exist.</summary>
    public const int NotFound = 5;

    /// <summary>The request was understood and refused: a finished build, a conflict, no good digest to re-point to.</summary>
    public const int Refused = 6;

    /// <summary>The command line, a config file or a value sent to the service is wrong (EX_USAGE).</summary>
    public const int BadUsage = 64;

    /// <summary>The service or the registry cannot be reached, or answers that it is unavailable (EX_UNAVAILABLE).</summary>
    public const int Unreachable = 69;
}
