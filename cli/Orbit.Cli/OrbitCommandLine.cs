using System.CommandLine;
using Orbit.Cli.Builds;
using Orbit.Cli.Ci;
using Orbit.Cli.Images;
using Orbit.Cli.Quota;

namespace Orbit.Cli;

/// <summary>The <c>orbit</c> command tree and how a run ends: every failure the user can act on is a message and an exit code from <see cref="ExitCodes"/>.</summary>
public static class OrbitCommandLine
{
    public static RootCommand Build(Func<ParseResult, CliContext> context, GlobalOptions options)
    {
        var root = new RootCommand("orbit: builds with pre-build cleanup, registry usage, CI disk tiers and tag re-pointing, for build pipelines and CI runners.");
        options.AddTo(root);
        root.Add(BuildCommands.Create(context));
        root.Add(QuotaCommands.Usage(context));
        root.Add(QuotaCommands.Cleanup(context));
        root.Add(QuotaCommands.Quota(context));
        root.Add(CiCommands.Create(context));
        root.Add(PushCommand.Create(context));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, Func<string, string?> environment, TimeProvider time, CancellationToken cancellationToken)
    {
        var options = new GlobalOptions();
        CliContext? current = null;
        CliContext ContextFor(ParseResult parse) => current ??= new CliContext(parse, options, environment, time);
        var root = Build(ContextFor, options);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"orbit: {error.Message}");
            }

            await Console.Error.WriteLineAsync($"Run '{string.Join(' ', ["orbit", .. CommandPath(parse)])} --help' for usage.");
            return ExitCodes.BadUsage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (CliFailure failure)
        {
            ContextFor(parse).Output.Error(failure.Message);
            return failure.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            ContextFor(parse).Output.Error("Interrupted.");
            return 130;
        }
    }

    /// <summary>The subcommand names from the root down (empty for the root itself), for the help hint.</summary>
    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        return names;
    }
}
