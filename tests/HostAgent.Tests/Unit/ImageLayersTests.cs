using Orbit.HostAgent.Docker;

namespace Orbit.HostAgent.Tests.Unit;

public sealed class ImageLayersTests
{
    [Fact]
    public void History_steps_pair_with_the_root_filesystem_layers_oldest_first()
    {
        var layers = ImageLayers.Pair("img", ["sha256:base", "sha256:top"], [("COPY app /", 600), ("ADD rootfs /", 2000)]);

        Assert.Equal([("sha256:base", 2000L), ("sha256:top", 600L)], layers.Select(layer => (layer.Id, layer.Size)));
    }

    [Fact]
    public void Metadata_only_steps_are_left_out_when_they_make_the_counts_differ()
    {
        var layers = ImageLayers.Pair("img", ["sha256:base", "sha256:top"], [("CMD [\"sh\"]", 0), ("COPY app /", 600), ("ENV A=1", 0), ("ADD rootfs /", 2000)]);

        Assert.Equal([("sha256:base", 2000L), ("sha256:top", 600L)], layers.Select(layer => (layer.Id, layer.Size)));
    }

    [Fact]
    public void Sizes_that_cannot_be_paired_still_count_as_layers_of_that_image_alone()
    {
        var layers = ImageLayers.Pair("img", ["sha256:only"], [("a", 10), ("b", 20)]);

        Assert.Equal(30, layers.Sum(layer => layer.Size));
        Assert.All(layers, layer => Assert.StartsWith("img#", layer.Id, StringComparison.Ordinal));
    }
}
