using Orbit.Registry.References;

namespace Orbit.Cli.Images;

/// <summary>
/// Points a tag a tier skipped at the service's last good image: the manifest is read by the good digest (or through
/// the last good tag) and put back, byte for byte, under the tag. The registry has every blob already, so no blob is
/// uploaded; the tag's digest is the good one, not a copy of some other image. No good image means a clear refusal.
/// </summary>
public static class TagRepointer
{
    public static async Task<RepointOutcome> RepointAsync(RegistryAccess registry, RepositoryName repository, Tag tag, ManifestReference good, CancellationToken cancellationToken)
    {
        var source = good.Digest is not null ? $"digest {good}" : $"tag {good}";
        var manifest = await registry.CallAsync($"Reading the last good image {repository}:{good}", client => client.GetManifestAsync(repository, good, cancellationToken))
            ?? throw new CliFailure(ExitCodes.Refused,
                $"There is no good image to re-point {repository}:{tag} at: {repository} has no {source}. Build the service instead, or name a digest or tag that exists (--to-digest, --from-tag).");
        var current = await registry.CallAsync($"Reading {repository}:{tag}", client => client.HeadManifestAsync(repository, tag, cancellationToken));
        if (current?.Digest == manifest.Digest)
        {
            return new RepointOutcome(repository.Value, tag.Value, current.Digest.Value, manifest.Digest.Value, manifest.MediaType, manifest.Bytes.Length, false, source);
        }

        var stored = await registry.CallAsync($"Re-pointing {repository}:{tag}", client => client.PutManifestAsync(repository, tag, manifest.MediaType, manifest.Bytes, cancellationToken));
        return new RepointOutcome(repository.Value, tag.Value, current?.Digest.Value, stored.Value, manifest.MediaType, manifest.Bytes.Length, true, source);
    }
}
