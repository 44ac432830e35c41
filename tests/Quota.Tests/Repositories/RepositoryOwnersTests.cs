using Orbit.Quota.Repositories;
using Orbit.Registry.References;

namespace Orbit.Quota.Tests.Repositories;

public sealed class RepositoryOwnersTests
{
    [Theory]
    [InlineData("ws-1/api", "ws-1", "api")]
    [InlineData("ws-1/team/web", "ws-1", "web")]
    public void By_convention_the_first_segment_is_the_workspace_and_the_last_the_app(string repository, string workspace, string app)
    {
        var owner = RepositoryOwners.ByConvention(RepositoryName.Parse(repository));

        Assert.Equal(workspace, owner?.WorkspaceId.Value);
        Assert.Equal(app, owner?.AppId);
    }

    [Theory]
    [InlineData("api")]
    [InlineData("ws__1/api")]
    public void A_repository_the_convention_cannot_place_has_no_owner(string repository) =>
        Assert.Null(RepositoryOwners.ByConvention(RepositoryName.Parse(repository)));
}
