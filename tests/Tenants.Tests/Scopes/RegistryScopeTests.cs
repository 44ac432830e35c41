using Orbit.Tenants.Scopes;

namespace Orbit.Tenants.Tests.Scopes;

public sealed class RegistryScopeTests
{
    [Fact]
    public void A_repository_scope_splits_into_type_name_and_actions()
    {
        Assert.True(RegistryScope.TryParse("repository:tenants/tenant-a:pull,push", out var scope));
        Assert.Equal("repository", scope.Type);
        Assert.Equal("tenants/tenant-a", scope.Name);
        Assert.Equal(["pull", "push"], scope.Actions);
    }

    [Fact]
    public void A_name_holding_a_registry_port_keeps_its_colon()
    {
        Assert.True(RegistryScope.TryParse("repository:localhost:5000/team/api:pull", out var scope));
        Assert.Equal("localhost:5000/team/api", scope.Name);
        Assert.Equal(["pull"], scope.Actions);
    }

    [Fact]
    public void Repeated_actions_are_kept_once()
    {
        Assert.True(RegistryScope.TryParse("repository:a/b:pull,pull,push", out var scope));
        Assert.Equal(["pull", "push"], scope.Actions);
    }

    [Theory]
    [InlineData("")]
    [InlineData("repository")]
    [InlineData("repository:tenants/tenant-a")]
    [InlineData("repository::pull")]
    [InlineData(":tenants/tenant-a:pull")]
    [InlineData("repository:tenants/tenant-a:")]
    [InlineData("repository:tenants/tenant-a:,")]
    public void Malformed_scopes_are_refused(string text) => Assert.False(RegistryScope.TryParse(text, out _));

    [Fact]
    public void Scope_values_may_repeat_and_hold_several_scopes_separated_by_spaces()
    {
        Assert.True(RegistryScope.TryParseAll(["repository:a/b:pull repository:c/d:push", "registry:catalog:*"], out var scopes, out _));
        Assert.Equal(["repository:a/b:pull", "repository:c/d:push", "registry:catalog:*"], scopes.Select(scope => scope.ToString()));
    }

    [Fact]
    public void The_first_malformed_scope_is_reported()
    {
        Assert.False(RegistryScope.TryParseAll(["repository:a/b:pull", "nonsense"], out _, out var invalid));
        Assert.Equal("nonsense", invalid);
    }
}
