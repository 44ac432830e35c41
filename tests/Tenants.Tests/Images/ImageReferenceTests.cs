using Orbit.Tenants.Images;

namespace Orbit.Tenants.Tests.Images;

public sealed class ImageReferenceTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("127.0.0.1:5000/tenants/tenant-a:latest", "127.0.0.1:5000", "tenants/tenant-a", "latest", null)]
    [InlineData("registry.example.com/tenants/tenant-a:v1.2", "registry.example.com", "tenants/tenant-a", "v1.2", null)]
    [InlineData("localhost/tenants/tenant-a:latest", "localhost", "tenants/tenant-a", "latest", null)]
    [InlineData($"registry.example.com/tenants/tenant-a@{Digest}", "registry.example.com", "tenants/tenant-a", null, Digest)]
    [InlineData($"registry.example.com/tenants/tenant-a:latest@{Digest}", "registry.example.com", "tenants/tenant-a", "latest", Digest)]
    public void A_qualified_reference_splits_into_registry_repository_tag_and_digest(string text, string registry, string repository, string? tag, string? digest)
    {
        Assert.True(ImageReference.TryParse(text, out var reference));
        Assert.Equal(registry, reference.Registry);
        Assert.Equal(repository, reference.Repository.Value);
        Assert.Equal(tag, reference.Tag?.Value);
        Assert.Equal(digest, reference.Digest?.Value);
        Assert.Equal(text, reference.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("tenants/tenant-a:latest")]
    [InlineData("tenant-a:latest")]
    [InlineData("registry.example.com/tenants/tenant-a")]
    [InlineData("registry.example.com/Tenants/tenant-a:latest")]
    [InlineData("registry.example.com/tenants/../tenant-b:latest")]
    [InlineData("registry.example.com/tenants/tenant-a:-bad")]
    [InlineData("registry.example.com/tenants/tenant-a@sha256:1234")]
    [InlineData("registry.example.com/tenants/tenant-a:lat est")]
    [InlineData("registry.example.com//tenant-a:latest")]
    [InlineData("https://registry.example.com/tenants/tenant-a:latest")]
    public void Malformed_or_unqualified_references_are_refused(string text) => Assert.False(ImageReference.TryParse(text, out _));
}
