using System.Text;
using Orbit.Registry.Manifests;

namespace Orbit.Registry.Tests.Manifests;

public sealed class ManifestParserTests
{
    private static readonly string A = "sha256:" + new string('a', 64);
    private static readonly string B = "sha256:" + new string('b', 64);
    private static readonly string C = "sha256:" + new string('c', 64);

    [Theory]
    [InlineData(ManifestMediaTypes.OciManifest)]
    [InlineData(ManifestMediaTypes.DockerManifest)]
    public void An_image_manifest_gives_its_config_and_layers(string mediaType)
    {
        var manifest = Assert.IsType<ImageManifest>(Parse($$"""
            {"schemaVersion":2,"mediaType":"{{mediaType}}","config":{"mediaType":"c","digest":"{{A}}","size":10},
             "layers":[{"mediaType":"l","digest":"{{B}}","size":100},{"mediaType":"l","digest":"{{C}}","size":1000}]}
            """));

        Assert.Equal(mediaType, manifest.MediaType);
        Assert.Equal(10, manifest.Config.Size);
        Assert.Equal([100L, 1000L], manifest.Layers.Select(layer => layer.Size));
    }

    [Theory]
    [InlineData(ManifestMediaTypes.OciIndex)]
    [InlineData(ManifestMediaTypes.DockerManifestList)]
    public void An_index_gives_its_child_manifests(string mediaType)
    {
        var index = Assert.IsType<ImageIndex>(Parse($$"""
            {"schemaVersion":2,"mediaType":"{{mediaType}}","manifests":[{"mediaType":"{{ManifestMediaTypes.OciManifest}}","digest":"{{A}}","size":500,"platform":{"os":"linux","architecture":"arm64"} } ] }
            """));

        Assert.Equal(A, Assert.Single(index.Manifests).Digest.Value);
    }

    [Fact]
    public void Without_a_mediaType_field_the_content_type_decides()
    {
        var manifest = ManifestParser.Parse(Encoding.UTF8.GetBytes($$"""
            {"schemaVersion":2,"config":{"mediaType":"c","digest":"{{A}}","size":1},"layers":[]}
            """), ManifestMediaTypes.OciManifest);

        Assert.IsType<ImageManifest>(manifest);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"schemaVersion":1,"mediaType":"application/vnd.oci.image.manifest.v1+json"}""")]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.example.other+json"}""")]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","layers":[]}""")]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"digest":"sha256:short","size":1},"layers":[]}""")]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json"}""")]
    public void Anything_else_is_refused_with_a_reason(string json) =>
        Assert.False(string.IsNullOrEmpty(Assert.Throws<InvalidManifestException>(() => Parse(json)).Message));

    [Fact]
    public void A_negative_size_is_refused() =>
        Assert.Throws<InvalidManifestException>(() => Parse($$"""
            {"schemaVersion":2,"mediaType":"{{ManifestMediaTypes.OciManifest}}","config":{"digest":"{{A}}","size":-1},"layers":[]}
            """));

    private static ManifestDocument Parse(string json) => ManifestParser.Parse(Encoding.UTF8.GetBytes(json), contentType: null);
}
