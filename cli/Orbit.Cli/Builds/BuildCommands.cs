using System.CommandLine;
using System.Text.Json;
using Orbit.Cli.Output;

namespace Orbit.Cli.Builds;

/// <summary><c>orbit build start|status|pushed|failed</c>: the build conversation, through the build endpoints a function key may use.</summary>
public static class BuildCommands
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static Command Create(Func<ParseResult, CliContext> contextOf)
    {
        var build = new Command("build", "Start a build (quota check and cleanup first), follow it, report its push or failure.");
        var timeout = new Option<TimeSpan>("--timeout") { Description = "How long --wait waits (default 00:30:00).", DefaultValueFactory = _ => TimeSpan.FromMinutes(30), Recursive = true };
        build.Add(timeout);
        build.Add(Start(contextOf, timeout));
        build.Add(Status(contextOf, timeout));
        build.Add(Pushed(contextOf, timeout));
        build.Add(Failed(contextOf));
        return build;
    }

    private static Command Start(Func<ParseResult, CliContext> contextOf, Option<TimeSpan> timeout)
    {
        var workspace = new Option<string>("--workspace") { Description = "The workspace the image counts against.", Required = true };
        var app = new Option<string>("--app") { Description = "The app the image belongs to.", Required = true };
        var repository = new Option<string>("--repository") { Description = "The repository the build pushes to.", Required = true };
        var tag = new Option<string>("--tag") { Description = "The tag the build pushes.", Required = true };
        var estimated = new Option<string?>("--estimated-bytes") { Description = "The image's expected size (e.g. 400MiB); cleanup makes room for it." };
        var registry = new Option<string>("--registry") { Description = "managed (quota checked, image tracked) or external.", DefaultValueFactory = _ => "managed" };
        registry.AcceptOnlyFromAmong("managed", "external");
        var wait = new Option<bool>("--wait") { Description = "Print each cleanup line as it appears and exit when the build may start." };
        var command = new Command("start", "Start a build; with --wait, print the cleanup lines and exit when it may start, printing its id.");
        foreach (var option in new Option[] { workspace, app, repository, tag, estimated, registry, wait })
        {
            command.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = contextOf(parse);
            var output = context.Output;
            var estimatedBytes = context.Value(estimated) is { } text ? ByteSize.Parse(text, "--estimated-bytes") : (long?)null;
            using var service = context.Service();
            var started = await service.StartBuildAsync(new
            {
                workspaceId = context.Value(workspace),
                appId = context.Value(app),
                repository = context.Value(repository),
                tag = context.Value(tag),
                registry = context.Value(registry),
                estimatedBytes,
            }, cancellationToken);
            var id = started.GetProperty("id").GetString()!;
            output.Line($"Build {id} started for {context.Value(repository)}:{context.Value(tag)} in workspace {context.Value(workspace)}.");
            if (!context.Value(wait))
            {
                Finish(output, id, started);
                return ExitCodes.Ok;
            }

            var ready = await new BuildWatcher(service, output, context.Time, PollInterval, context.Value(timeout)).UntilReadyAsync(id, cancellationToken);
            output.Emphasis($"Build {id} may start.", "bold green");
            Finish(output, id, ready);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Status(Func<ParseResult, CliContext> contextOf, Option<TimeSpan> timeout)
    {
        var id = new Argument<string>("id") { Description = "The build's id, as 'build start' printed it." };
        var wait = new Option<bool>("--wait") { Description = "Follow the build until it finishes (exit 2 if it fails)." };
        var command = new Command("status", "Show a build's phase, log and outcome; exit 2 when it failed.");
        command.Add(id);
        command.Add(wait);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = contextOf(parse);
            var output = context.Output;
            var buildId = context.Value(id);
            using var service = context.Service();
            JsonElement status;
            if (context.Value(wait))
            {
                status = await new BuildWatcher(service, output, context.Time, PollInterval, context.Value(timeout)).UntilFinishedAsync(buildId, cancellationToken);
            }
            else
            {
                status = await service.GetBuildAsync(buildId, cancellationToken);
                output.Line($"Build {buildId}: {BuildWatcher.Runtime(status)}, phase {BuildWatcher.Phase(status) ?? "none yet"}.");
                foreach (var line in status.GetProperty("buildLog").EnumerateArray())
                {
                    output.Line(line.GetString() ?? string.Empty);
                }

                if (BuildWatcher.FailureOf(buildId, status) is { } failure)
                {
                    if (output.Json)
                    {
                        output.Data(status);
                    }

                    throw failure;
                }
            }

            ShowResult(output, status);
            if (output.Json)
            {
                output.Data(status);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Pushed(Func<ParseResult, CliContext> contextOf, Option<TimeSpan> timeout)
    {
        var id = new Argument<string>("id") { Description = "The build's id." };
        var digest = new Option<string?>("--digest") { Description = "The pushed image's digest; the tag must point at it." };
        var wait = new Option<bool>("--wait") { Description = "Wait until the image is tracked and print the workspace's usage after it." };
        var command = new Command("pushed", "Report that the build pushed its image; the service tracks it and completes the build.");
        command.Add(id);
        command.Add(digest);
        command.Add(wait);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = contextOf(parse);
            var buildId = context.Value(id);
            using var service = context.Service();
            await service.ReportPushedAsync(buildId, context.Value(digest), cancellationToken);
            context.Output.Line($"Reported build {buildId} pushed{(context.Value(digest) is { } d ? $" ({d})" : string.Empty)}.");
            if (context.Value(wait))
            {
                var done = await new BuildWatcher(service, context.Output, context.Time, PollInterval, context.Value(timeout)).UntilFinishedAsync(buildId, cancellationToken);
                ShowResult(context.Output, done);
                if (context.Output.Json)
                {
                    context.Output.Data(done);
                }
            }
            else if (context.Output.Json)
            {
                context.Output.Data(new { id = buildId, reported = "pushed" });
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Failed(Func<ParseResult, CliContext> contextOf)
    {
        var id = new Argument<string>("id") { Description = "The build's id." };
        var reason = new Option<string>("--reason") { Description = "Why the build failed, in one line.", Required = true };
        var command = new Command("failed", "Report that the build failed; the service ends it Failed with the reason.");
        command.Add(id);
        command.Add(reason);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = contextOf(parse);
            var buildId = context.Value(id);
            using var service = context.Service();
            await service.ReportFailedAsync(buildId, context.Value(reason), cancellationToken);
            context.Output.Line($"Reported build {buildId} failed: {context.Value(reason)}");
            if (context.Output.Json)
            {
                context.Output.Data(new { id = buildId, reported = "failed" });
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The JSON status with <c>--json</c>; otherwise the id alone as the last line, so <c>$(… | tail -n1)</c> captures it.</summary>
    private static void Finish(CliOutput output, string id, JsonElement status)
    {
        if (output.Json)
        {
            output.Data(status);
        }
        else
        {
            output.Bare(id);
        }
    }

    private static void ShowResult(CliOutput output, JsonElement status)
    {
        if (BuildWatcher.Runtime(status) != "Completed" || !status.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var digest = result.TryGetProperty("digest", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        if (result.TryGetProperty("usageAfter", out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            output.Emphasis(
                $"Build completed: {digest} tracked; workspace {usage.GetProperty("workspaceId").GetString()} now uses {ByteSize.Format(usage.GetProperty("currentBytes").GetInt64())} of {ByteSize.Format(usage.GetProperty("quotaBytes").GetInt64())} ({usage.GetProperty("percentage").GetDouble():0.0}%, {usage.GetProperty("level").GetString()}).",
                "bold green");
        }
        else
        {
            output.Emphasis($"Build completed{(digest is null ? string.Empty : $": {digest}")}.", "bold green");
        }
    }
}
