namespace Orbit.Testing;

/// <summary>What the pusher put in the registry: the manifest's digest and every distinct blob with its size.</summary>
public sealed record PushedImage(
    string Repository,
    string? Tag,
    string Digest,
    string MediaType,
    int ManifestSize,
    string Architecture,
    IReadOnlyDictionary<string, long> Blobs)
{
    public long SizeBytes => Blobs.Values.Sum();
}
