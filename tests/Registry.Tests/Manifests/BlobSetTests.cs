using Orbit.Registry.Manifests;
using Orbit.Registry.References;

namespace Orbit.Registry.Tests.Manifests;

public sealed class BlobSetTests
{
    private static readonly Digest Config1 = Digest.Sha256Of([1]);
    private static readonly Digest Config2 = Digest.Sha256Of([2]);
    private static readonly Digest Base = Digest.Sha256Of([3]);
    private static readonly Digest App = Digest.Sha256Of([4]);

    [Fact]
    public void A_layer_listed_twice_in_one_manifest_counts_once()
    {
        var manifest = new ImageManifest(ManifestMediaTypes.OciManifest, Blob(Config1, 5), [Blob(Base, 100), Blob(Base, 100)]);

        Assert.Equal(105, BlobSet.Of(manifest).TotalBytes);
    }

    [Fact]
    public void Images_sharing_a_base_layer_count_it_once_in_their_union()
    {
        var first = BlobSet.Of(new ImageManifest(ManifestMediaTypes.OciManifest, Blob(Config1, 5), [Blob(Base, 100), Blob(App, 10)]));
        var second = BlobSet.Of(new ImageManifest(ManifestMediaTypes.OciManifest, Blob(Config2, 7), [Blob(Base, 100)]));

        var union = BlobSet.UnionOf([first, second]);

        Assert.Equal(5 + 7 + 100 + 10, union.TotalBytes);
        Assert.Equal(4, union.Count);
        Assert.Equal(115 + 107, first.TotalBytes + second.TotalBytes);
    }

    [Fact]
    public void The_union_of_nothing_is_empty() => Assert.Equal(0, BlobSet.UnionOf([]).TotalBytes);

    private static Descriptor Blob(Digest digest, long size) => new("application/octet-stream", digest, size);
}
