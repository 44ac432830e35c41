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
        var size = new Option<string>("--size") { Description = "Random bytes in the image's layer, e.g. 4MiB (default 64KiB).", DefaultValueFactory = _ => "64KiB" };
        var command = new Command("push", "Push a small test image (one layer of random bytes) to a registry over the OCI API; no Docker needed.");
        registry.AddTo(command);
        command.Add(repository);
        command.Add(tag);
        command.Add(size);
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
            if (context.Output.Json)
            {
                context.Output.Data(new { repository = name.Value, tag = pushedTag.Value, digest = pushed.Value, bytes, uploadedBytes = uploaded });
            }

            context.Output.Line($"Pushed {name}:{pushedTag} ({pushed}, {ByteSize.Format(bytes)}, {ByteSize.Format(uploaded)} uploaded).");
            return ExitCodes.Ok;
        });
        return command;
    }
}
