using Microsoft.Extensions.Options;
using Orbit.Registry.Client;
using Orbit.Registry.References;
using Orbit.Tenants.Layout;
using Orbit.Tenants.Registration;

namespace Orbit.Tenants.Tests.Registration;

public sealed class TenantImageLayoutTests
{
    [Fact]
    public void Each_tenant_has_a_repository_of_its_own_below_the_prefix_and_the_configured_tag()
    {
        var layout = Layout(new TenantsOptions { RepositoryPrefix = "apps/tenants", Tag = "current" });

        Assert.Equal("apps/tenants/tenant-acme", layout.RepositoryFor(TenantId.Parse("acme")).Value);
        Assert.Equal("127.0.0.1:5000/apps/tenants/tenant-acme:current", layout.ImageFor(TenantId.Parse("acme")).ToString());
    }

    [Fact]
    public void The_tenant_of_a_repository_is_found_only_below_the_prefix()
    {
        var layout = Layout(new TenantsOptions());

        Assert.Equal(TenantId.Parse("acme"), layout.TenantOf(RepositoryName.Parse("tenants/tenant-acme")));
        Assert.Null(layout.TenantOf(RepositoryName.Parse("other/tenant-acme")));
        Assert.Null(layout.TenantOf(RepositoryName.Parse("tenants/acme")));
    }

    [Fact]
    public void The_registry_host_tenants_see_can_differ_from_the_services_url()
    {
        var layout = Layout(new TenantsOptions { RegistryHost = "registry.example.com" });

        Assert.Equal("registry.example.com/tenants/tenant-acme:latest", layout.ImageFor(TenantId.Parse("acme")).ToString());
    }

    [Theory]
    [InlineData("Tenants")]
    [InlineData("tenants//x")]
    [InlineData("-x")]
    public void A_prefix_that_cannot_start_a_repository_name_is_refused_at_start_up(string prefix)
    {
        Assert.Throws<InvalidOperationException>(() => Layout(new TenantsOptions { RepositoryPrefix = prefix }));
    }

    private static TenantImageLayout Layout(TenantsOptions options) =>
        new(Options.Create(options), Options.Create(new RegistryOptions { Url = new Uri("http://127.0.0.1:5000") }));
}
