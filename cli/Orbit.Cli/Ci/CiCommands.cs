using System.CommandLine;
using Orbit.Cli.Images;
using Orbit.Cli.Output;
using Orbit.Registry.References;

namespace Orbit.Cli.Ci;

/// <summary><c>orbit ci plan</c>, <c>ci check-space</c> and <c>ci repoint</c>: seed 003's disk strategy for a CI runner, without dummy images.</summary>
public static class CiCommands
{
    public static Command Create(Func<ParseResult, CliContext> contextOf)
    {
        var ci = new Command("ci", "A CI runner's disk strategy: pick a tier from the free disk, check space between services, re-point skipped services' tags.");
        ci.Add(Plan(contextOf));
        ci.Add(CheckSpace(contextOf));
        ci.Add(Repoint(contextOf));
        return ci;
    }

    private static Command Plan(Func<ParseResult, CliContext> contextOf)
    {
        var services = new Option<string?>("--services") { Description = "Every service, comma-separated, in build order (or \"services\" in the config file)." };
        var essential = new Option<string?>("--essential") { Description = "The services the medium tier builds, comma-separated." };
        var minimal = new Option<string?>("--minimal") { Description = "The services the minimal tier builds, comma-separated (none by default)." };
        var path = new Option<string?>("--path") { Description = "A folder on the disk the builds fill (default /); its real free space is read." };
        var freeBytes = new Option<string?>("--free-bytes") { Description = "Plan for this much free space instead of reading a disk, e.g. 6GiB." };
        var fullAbove = new Option<string?>("--full-above") { Description = "Full tier above this much free space (default 8GiB)." };
        var mediumFrom = new Option<string?>("--medium-from") { Description = "Medium tier from this much free space (default 5GiB)." };
        var abortBelow = new Option<string?>("--abort-below") { Description = "Abort below this much free space (default 2GiB)." };
        var config = new Option<string?>("--config") { Description = $"A JSON config file (default ./{CiConfig.DefaultFile} when present)." };
        var command = new Command("plan", "Pick the build tier from the free disk: full above 8 GiB, medium 5-8 GiB (essential services), minimal under 5 GiB (--minimal), abort under 2 GiB (exit 3).");
        foreach (var option in new[] { services, essential, minimal, path, freeBytes, fullAbove, mediumFrom, abortBelow, config })
        {
            command.Add(option);
        }

        command.SetAction(parse =>
        {
            var context = contextOf(parse);
            var file = CiConfig.Load(context.Value(config));
            var thresholds = file.Thresholds(context.Value(fullAbove), context.Value(mediumFrom), context.Value(abortBelow));
            var all = List(context.Value(services)) ?? file.Services ?? throw CliFailure.BadUsage("Name the services with --services a,b,c (or \"services\" in orbit-ci.json).");
            if (all.Count == 0 || all.Distinct(StringComparer.Ordinal).Count() != all.Count)
            {
                throw CliFailure.BadUsage($"--services must name at least one service, each once; it names {string.Join(", ", all)}.");
            }

            var free = FreeBytes(context.Value(path), context.Value(freeBytes));
            var plan = TierPlanner.Plan(free, thresholds, all, List(context.Value(essential)) ?? file.Essential ?? [], List(context.Value(minimal)) ?? file.Minimal ?? []);
            if (context.Output.Json)
            {
                context.Output.Data(new { tier = plan.Tier, plan.FreeBytes, plan.Thresholds, plan.Summary, plan.Services, build = plan.ToBuild, repoint = plan.ToRepoint });
            }
            else
            {
                context.Output.Emphasis(plan.Summary, plan.Tier == BuildTier.Abort ? "bold red" : "bold");
                context.Output.Table("Services", ["service", "action", "why"], plan.Services.Select(s => (IReadOnlyList<string>)[s.Service, s.Action.ToString().ToLowerInvariant(), s.Why]));
            }

            if (plan.Tier == BuildTier.Abort)
            {
                context.Output.Error(plan.Summary);
                return ExitCodes.NotEnoughSpace;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CheckSpace(Func<ParseResult, CliContext> contextOf)
    {
        var path = new Option<string>("--path") { Description = "A folder on the disk to check (default /).", DefaultValueFactory = _ => "/" };
        var min = new Option<string>("--min") { Description = "The least free space to go on with (default 2GiB).", DefaultValueFactory = _ => "2GiB" };
        var command = new Command("check-space", "Fail fast (exit 3) when the disk has less free space than --min; run it between services.");
        command.Add(path);
        command.Add(min);
        command.SetAction(parse =>
        {
            var context = contextOf(parse);
            var needed = ByteSize.Parse(context.Value(min), "--min");
            var folder = context.Value(path);
            var free = FreeSpace.Of(folder);
            var ok = free >= needed;
            if (context.Output.Json)
            {
                context.Output.Data(new { path = folder, freeBytes = free, minBytes = needed, ok });
            }

            var line = $"{ByteSize.Format(free)} free on {folder}; at least {ByteSize.Format(needed)} needed.";
            if (!ok)
            {
                context.Output.Error($"Not enough disk space: {line} Free space (docker rmi, docker builder prune -af) before the next service.");
                return ExitCodes.NotEnoughSpace;
            }

            context.Output.Line(line);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Repoint(Func<ParseResult, CliContext> contextOf)
    {
        var registry = new RegistryCommandOptions();
        var repository = new Option<string>("--repository") { Description = "The service's repository.", Required = true };
        var tag = new Option<string>("--tag") { Description = "The tag to point at the last good image (e.g. the commit's tag).", Required = true };
        var toDigest = new Option<string?>("--to-digest") { Description = "The last good digest." };
        var fromTag = new Option<string?>("--from-tag") { Description = "A tag that names the last good image (e.g. latest or stable)." };
        var command = new Command("repoint", "Point a skipped service's tag at its last good digest: the manifest's own bytes put under the tag, no blob uploaded; refused when there is no good digest.");
        registry.AddTo(command);
        command.Add(repository);
        command.Add(tag);
        command.Add(toDigest);
        command.Add(fromTag);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = contextOf(parse);
            var name = RegistryAccess.Repository(context.Value(repository));
            var target = RegistryAccess.TagOf(context.Value(tag), "--tag");
            ManifestReference good = (context.Value(toDigest), context.Value(fromTag)) switch
            {
                ({ } digest, null) => RegistryAccess.DigestOf(digest, "--to-digest"),
                (null, { } last) => RegistryAccess.TagOf(last, "--from-tag"),
                _ => throw CliFailure.BadUsage("Name the last good image with exactly one of --to-digest DIGEST or --from-tag TAG."),
            };
            using var access = registry.Open(context);
            var outcome = await TagRepointer.RepointAsync(access, name, target, good, cancellationToken);
            if (context.Output.Json)
            {
                context.Output.Data(outcome);
            }

            context.Output.Line(outcome.Changed
                ? $"Re-pointed {outcome.Repository}:{outcome.Tag} at {outcome.Digest} (the last good image, by {outcome.Source}; was {outcome.PreviousDigest ?? "absent"}); {outcome.ManifestBytes} manifest bytes put, no blob uploaded."
                : $"{outcome.Repository}:{outcome.Tag} already points at {outcome.Digest} ({outcome.Source}); nothing to do.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static long FreeBytes(string? path, string? freeBytes) => (path, freeBytes) switch
    {
        (not null, not null) => throw CliFailure.BadUsage("Give --path or --free-bytes, not both."),
        (null, { } text) => ByteSize.Parse(text, "--free-bytes"),
        _ => FreeSpace.Of(path ?? "/"),
    };

    private static List<string>? List(string? text) =>
        text?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
