using System.CommandLine;
using Orbit.Cli.Output;

namespace Orbit.Cli.Images;

/// <summary><c>orbit push</c>: pushes a small test image over the OCI API, for trying the service on a machine without Docker.</summary>
public static class PushCommand
{
    public static Command Create(Func<ParseResult, CliContext> contextOf)
    {
        var registry = new RegistryCommandOptions();
        var repository = new Option<string>("--repository") { Description = "The repository, e.g. team-a/api (the workspace is its first segment).", Required = true };
        var tag = new Option<string>("--tag") { Description = "The tag to push.", Required = true };
        var workspace = new Option<string?>("--track-workspace") { Description = "Also have the service track the pushed image in this workspace (with --app; needs --url/--key), rather than waiting for the registry's notification." };
        var app = new Option<string?>("--app") { Description = "The app the tracked image belongs to (with --track-workspace)." };
        var size = new Option<string>("--size") { Description = "Random bytes in the image's layer, e.g. 4MiB (default 64KiB).", DefaultValueFactory = _ => "64KiB" };
        var command = new Command("push", "Push a small test image (one layer of random bytes) to a registry over the OCI API; no Docker needed.");
        registry.AddTo(command);
        command.Add(repository);
        command.Add(tag);
        command.Add(size);
        command.Add(workspace);
        command.Add(app);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = contextOf(parse);
            var name = RegistryAccess.Repository(context.Value(repository));
            var pushedTag = RegistryAccess.TagOf(context.Value(tag), "--tag");
            var image = TestImage.Create($"{name}:{pushedTag}", ByteSize.Parse(context.Value(size), "--size"), context.Time.GetUtcNow());
            using var access = registry.Open(context);
            var uploaded = 0L;
            foreach (var blob in new[] { image.Config, image.Layer })
            {
                var digest = Orbit.Registry.References.Digest.Sha256Of(blob);
                if (!await access.CallAsync($"Checking blob {digest}", client => client.BlobExistsAsync(name, digest, cancellationToken)))
                {
                    await access.CallAsync($"Uploading blob {digest}", client => client.UploadBlobAsync(name, blob, cancellationToken));
                    uploaded += blob.Length;
                }
            }

            var pushed = await access.CallAsync($"Pushing {name}:{pushedTag}", client => client.PutManifestAsync(name, pushedTag, TestImage.ManifestMediaType, image.Manifest, cancellationToken));
            var bytes = image.Config.LongLength + image.Layer.LongLength;
            context.Output.Line($"Pushed {name}:{pushedTag} ({pushed}, {ByteSize.Format(bytes)}, {ByteSize.Format(uploaded)} uploaded).");
            if (context.Value(workspace) is { } trackIn)
            {
                using var service = context.Service();
                await service.TrackImageAsync(new { workspaceId = trackIn, appId = context.Value(app) ?? throw CliFailure.BadUsage("--track-workspace needs --app."), repository = name.Value, tag = pushedTag.Value, digest = pushed.Value }, cancellationToken);
                context.Output.Line($"Tracked {name}:{pushedTag} in workspace {trackIn}.");
            }

            if (context.Output.Json)
            {
                context.Output.Data(new { repository = name.Value, tag = pushedTag.Value, digest = pushed.Value, bytes, uploadedBytes = uploaded });
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
