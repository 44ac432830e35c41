using Orbit.Registry.References;

namespace Orbit.Registry.Tests.References;

public sealed class ReferenceGrammarTests
{
    [Theory]
    [InlineData("api")]
    [InlineData("ws-42/api")]
    [InlineData("orbit/tenants/tenant-7")]
    [InlineData("a.b_c__d---e/f")]
    public void Repository_names_of_the_oci_grammar_are_accepted(string name) => Assert.True(RepositoryName.TryParse(name, out _));

    [Theory]
    [InlineData("")]
    [InlineData("../etc/passwd")]
    [InlineData("ws/../other")]
    [InlineData("Upper/case")]
    [InlineData("a//b")]
    [InlineData("trailing/")]
    [InlineData("/leading")]
    [InlineData("a%2Fb")]
    [InlineData("a b")]
    [InlineData("a/-b")]
    [InlineData(null)]
    public void Repository_names_that_could_bend_a_path_are_refused(string? name) => Assert.False(RepositoryName.TryParse(name, out _));

    [Fact]
    public void A_repository_name_longer_than_255_characters_is_refused() =>
        Assert.False(RepositoryName.TryParse(new string('a', 256), out _));

    [Theory]
    [InlineData("latest", true)]
    [InlineData("1.4.0-rc.1", true)]
    [InlineData("_build", true)]
    [InlineData(".hidden", false)]
    [InlineData("-dash", false)]
    [InlineData("a/b", false)]
    [InlineData("", false)]
    public void Tags_follow_the_oci_grammar(string tag, bool valid) => Assert.Equal(valid, Tag.TryParse(tag, out _));

    [Fact]
    public void A_tag_of_129_characters_is_refused() => Assert.False(Tag.TryParse(new string('a', 129), out _));

    [Theory]
    [InlineData("sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true)]
    [InlineData("sha256:" + "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", false)]
    [InlineData("sha256:abc", false)]
    [InlineData("md5:0123456789abcdef0123456789abcdef", false)]
    [InlineData("sha256:../../etc", false)]
    public void Digests_are_checked_for_algorithm_and_length(string digest, bool valid) => Assert.Equal(valid, Digest.TryParse(digest, out _));

    [Fact]
    public void A_manifest_reference_is_a_digest_when_it_parses_as_one_else_a_tag()
    {
        Assert.True(ManifestReference.TryParse("sha256:" + new string('a', 64), out var digest));
        Assert.NotNull(digest.Digest);
        Assert.True(ManifestReference.TryParse("v1", out var tag));
        Assert.Null(tag.Digest);
        Assert.False(ManifestReference.TryParse("../x", out _));
    }

    [Fact]
    public void The_sha256_of_content_matches_the_known_value_for_the_empty_string() =>
        Assert.Equal("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Digest.Sha256Of([]).Value);
}
