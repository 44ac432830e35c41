using Orbit.Quota.Images;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Quota.Tests.Images;

public sealed class ImageIdTests
{
    [Fact]
    public void An_id_decodes_to_what_it_encodes_and_is_one_path_segment()
    {
        var id = new ImageId(WorkspaceId.TryParse("ws-9", out var ws) ? ws : throw new InvalidOperationException(), RepositoryName.Parse("ws-9/team/api"), Tag.Parse("1.4.0"));

        Assert.DoesNotContain('/', id.Encoded);
        Assert.DoesNotContain('+', id.Encoded);
        Assert.True(ImageId.TryDecode(id.Encoded, out var decoded));
        Assert.Equal(id, decoded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 !")]
    [InlineData("d3MtOXwuLi9ldGN8djE")]
    [InlineData("YWJj")]
    public void Anything_else_is_not_an_id(string text) => Assert.False(ImageId.TryDecode(text, out _));
}
