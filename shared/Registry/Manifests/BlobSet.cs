using System.Collections.Immutable;
using Orbit.Registry.References;

namespace Orbit.Registry.Manifests;

/// <summary>
/// The distinct blobs (config and layers) an image references, by digest. An image's size is the
/// sum over this set, so a layer two manifests share counts once; an index's set is the union of its
/// children's.
/// </summary>
public sealed record BlobSet(ImmutableDictionary<Digest, long> Blobs)
{
    public static readonly BlobSet Empty = new(ImmutableDictionary<Digest, long>.Empty);

    public long TotalBytes => Blobs.Values.Sum();

    public int Count => Blobs.Count;

    public static BlobSet Of(ImageManifest manifest) =>
        new(manifest.Layers.Prepend(manifest.Config)
            .GroupBy(descriptor => descriptor.Digest)
            .ToImmutableDictionary(group => group.Key, group => group.First().Size));

    public BlobSet Union(BlobSet other) => new(Blobs.SetItems(other.Blobs.Where(pair => !Blobs.ContainsKey(pair.Key))));

    public static BlobSet UnionOf(IEnumerable<BlobSet> sets) => sets.Aggregate(Empty, (all, set) => all.Union(set));
}
