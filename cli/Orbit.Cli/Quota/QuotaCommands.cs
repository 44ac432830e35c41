using System.CommandLine;
using System.Text.Json;
using Orbit.Cli.Output;

namespace Orbit.Cli.Quota;

/// <summary><c>orbit usage</c>, <c>orbit cleanup preview</c> and <c>orbit quota set</c>: a workspace's registry quota as the service keeps it.</summary>
public static class QuotaCommands
{
    public static Command Usage(Func<ParseResult, CliContext> contextOf)
    {
        var workspace = new Argument<string>("workspace") { Description = "The workspace id." };
        var command = new Command("usage", "A workspace's registry usage: a bar against its quota and the warning level.");
        command.Add(workspace);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = contextOf(parse);
            using var service = context.Service();
            var usage = await service.GetUsageAsync(context.Value(workspace), cancellationToken);
            if (context.Output.Json)
            {
                context.Output.Data(usage);
                return ExitCodes.Ok;
            }

            var level = usage.GetProperty("level").GetString() ?? "ok";
            var percent = usage.GetProperty("percentage").GetDouble();
            context.Output.Bar(
                $"Workspace {usage.GetProperty("workspaceId").GetString()}: {ByteSize.Format(usage.GetProperty("currentBytes").GetInt64())} of {ByteSize.Format(usage.GetProperty("quotaBytes").GetInt64())} ({percent:0.0}%), level {level}, {usage.GetProperty("imageCount").GetInt32()} images; cleanup at {usage.GetProperty("triggerPercent").GetInt32()}% down to {usage.GetProperty("targetPercent").GetInt32()}%.",
                percent,
                level switch { "critical" => "red", "warning" => "yellow", _ => "green" });
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Cleanup(Func<ParseResult, CliContext> contextOf)
    {
        var workspace = new Argument<string>("workspace") { Description = "The workspace id." };
        var estimated = new Option<string?>("--estimated-bytes") { Description = "Plan as if an image of this size were about to be pushed (e.g. 400MiB)." };
        var preview = new Command("preview", "What a build's cleanup would delete now and what it keeps, and why; deletes nothing.");
        preview.Add(workspace);
        preview.Add(estimated);
        preview.SetAction(async (parse, cancellationToken) =>
        {
            var context = contextOf(parse);
            var bytes = context.Value(estimated) is { } text ? ByteSize.Parse(text, "--estimated-bytes") : 0;
            using var service = context.Service();
            var plan = await service.PreviewCleanupAsync(context.Value(workspace), bytes, cancellationToken);
            if (context.Output.Json)
            {
                context.Output.Data(plan);
                return ExitCodes.Ok;
            }

            var output = context.Output;
            output.Emphasis($"Cleanup preview of {plan.GetProperty("workspaceId").GetString()}: {plan.GetProperty("outcome").GetString()}. {plan.GetProperty("reason").GetString()}");
            output.Line($"Usage {ByteSize.Format(plan.GetProperty("usedBytesBefore").GetInt64())} -> {ByteSize.Format(plan.GetProperty("projectedBytesAfter").GetInt64())} of {ByteSize.Format(plan.GetProperty("quotaBytes").GetInt64())} (trigger {plan.GetProperty("triggerPercent").GetInt32()}%, target {plan.GetProperty("targetPercent").GetInt32()}%).");
            var deletions = plan.GetProperty("deletions").EnumerateArray().ToList();
            output.Table(
                deletions.Count == 0 ? "Would delete nothing" : $"Would delete {deletions.Count}",
                ["repository", "tags", "digest", "frees", "why"],
                deletions.Select(d => (IReadOnlyList<string>)[d.GetProperty("repository").GetString()!, Tags(d), Short(d.GetProperty("digest").GetString()), ByteSize.Format(d.GetProperty("freedBytes").GetInt64()), d.GetProperty("reason").GetString() ?? string.Empty]));
            if (plan.TryGetProperty("kept", out var kept) && kept.ValueKind == JsonValueKind.Array && kept.GetArrayLength() > 0)
            {
                output.Table(
                    $"Keeps {kept.GetArrayLength()} old images",
                    ["repository", "tags", "digest", "why"],
                    kept.EnumerateArray().Select(k => (IReadOnlyList<string>)[k.GetProperty("repository").GetString()!, Tags(k), Short(k.GetProperty("digest").GetString()), Explanation(k)]));
            }

            return ExitCodes.Ok;
        });
        var cleanup = new Command("cleanup", "A workspace's cleanup plan.");
        cleanup.Add(preview);
        return cleanup;
    }

    public static Command Quota(Func<ParseResult, CliContext> contextOf)
    {
        var workspace = new Argument<string>("workspace") { Description = "The workspace id." };
        var quota = new Option<string>("--quota") { Description = "The workspace's registry quota, e.g. 10GiB.", Required = true };
        var warn = new Option<int?>("--warn-percent") { Description = "Warning level (default 70)." };
        var trigger = new Option<int?>("--trigger-percent") { Description = "Cleanup before a build from this usage (default 80)." };
        var target = new Option<int?>("--target-percent") { Description = "Cleanup down to this usage (default 70)." };
        var critical = new Option<int?>("--critical-percent") { Description = "Critical level (default 90)." };
        var set = new Command("set", "Create or change a workspace's registry quota (needs the master key).");
        set.Add(workspace);
        foreach (var option in new Option[] { quota, warn, trigger, target, critical })
        {
            set.Add(option);
        }

        set.SetAction(async (parse, cancellationToken) =>
        {
            var context = contextOf(parse);
            using var service = context.Service();
            var bytes = ByteSize.Parse(context.Value(quota), "--quota");
            var answer = await service.PutQuotaAsync(context.Value(workspace), new
            {
                quotaBytes = bytes,
                warnPercent = context.Value(warn),
                triggerPercent = context.Value(trigger),
                targetPercent = context.Value(target),
                criticalPercent = context.Value(critical),
            }, cancellationToken);
            if (context.Output.Json)
            {
                context.Output.Data(answer);
            }

            context.Output.Line($"Workspace {context.Value(workspace)}: quota {ByteSize.Format(bytes)}.");
            return ExitCodes.Ok;
        });
        var command = new Command("quota", "A workspace's registry quota.");
        command.Add(set);
        return command;
    }

    private static string Tags(JsonElement image) => string.Join(", ", image.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

    private static string Short(string? digest) => digest is { Length: > 19 } ? digest[..19] + "…" : digest ?? string.Empty;

    private static string Explanation(JsonElement kept) =>
        kept.TryGetProperty("explanation", out var explanation) && explanation.GetString() is { Length: > 0 } text ? text
        : kept.TryGetProperty("reason", out var reason) ? reason.GetString() ?? string.Empty
        : string.Empty;
}
