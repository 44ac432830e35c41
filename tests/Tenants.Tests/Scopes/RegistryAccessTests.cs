using Orbit.Tenants.Scopes;

namespace Orbit.Tenants.Tests.Scopes;

public sealed class RegistryAccessTests
{
    private static readonly RegistryPrincipal TenantA = new("a", [new RepositoryPermission("tenants/tenant-a", RegistryPrincipal.PullPush)], MayListCatalog: false);
    private static readonly RegistryPrincipal Service = new("orbit-service", [new RepositoryPermission("tenants/*", RegistryPrincipal.PullPushDelete)], MayListCatalog: true);

    [Fact]
    public void A_tenant_gets_the_requested_actions_it_may_have_on_its_own_repository_and_no_delete()
    {
        var granted = Grant(TenantA, "repository:tenants/tenant-a:pull,push,delete");

        Assert.Equal(["repository:tenants/tenant-a:pull,push"], granted);
    }

    [Fact]
    public void Nothing_is_granted_that_was_not_requested()
    {
        Assert.Equal(["repository:tenants/tenant-a:pull"], Grant(TenantA, "repository:tenants/tenant-a:pull"));
    }

    [Theory]
    [InlineData("repository:tenants/tenant-b:pull,push,delete")]
    [InlineData("repository:tenants/tenant-ab:pull")]
    [InlineData("repository:tenants/tenant-a/nested:pull")]
    [InlineData("repository:tenants/tenant-a:*")]
    public void Another_repository_is_answered_with_the_scope_but_no_actions_except_the_tenants_own_wildcard(string requested)
    {
        var granted = Grant(TenantA, requested);

        var expected = requested.EndsWith(":*", StringComparison.Ordinal) ? "repository:tenants/tenant-a:pull,push" : requested[..(requested.LastIndexOf(':') + 1)];
        Assert.Equal([expected], granted);
    }

    [Fact]
    public void A_tenant_may_not_list_the_catalog()
    {
        Assert.Equal(["registry:catalog:"], Grant(TenantA, "registry:catalog:*"));
    }

    [Fact]
    public void The_service_may_pull_push_and_delete_every_repository_below_the_prefix_and_list_the_catalog()
    {
        var granted = Grant(Service, "repository:tenants/tenant-a:pull,delete", "repository:tenants/tenant-b:*", "registry:catalog:*");

        Assert.Equal(["repository:tenants/tenant-a:delete,pull", "repository:tenants/tenant-b:delete,pull,push", "registry:catalog:*"], granted);
    }

    [Theory]
    [InlineData("repository:tenants:pull")]
    [InlineData("repository:tenantsx/tenant-a:pull")]
    [InlineData("repository:team/api:pull")]
    [InlineData("repository:tenants/../team:pull")]
    public void The_service_gets_nothing_outside_the_prefix(string requested)
    {
        Assert.Equal([requested[..(requested.LastIndexOf(':') + 1)]], Grant(Service, requested));
    }

    [Fact]
    public void Unknown_resource_types_get_no_actions()
    {
        Assert.Equal(["repository(plugin):tenants/tenant-a:"], Grant(TenantA, "repository(plugin):tenants/tenant-a:pull"));
    }

    private static IReadOnlyList<string> Grant(RegistryPrincipal principal, params string[] scopes)
    {
        Assert.True(RegistryScope.TryParseAll(scopes, out var requested, out _));
        return RegistryAccess.Grant(principal, requested).Select(scope => scope.ToString()).ToList();
    }
}
