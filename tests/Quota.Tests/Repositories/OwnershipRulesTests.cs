using Orbit.Quota.Repositories;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Quota.Tests.Repositories;

public sealed class OwnershipRulesTests
{
    private static readonly TenantRepositories Tenants = new("tenants");
    private static readonly WorkspaceId TeamA = Workspace("team-a");
    private static readonly WorkspaceId TeamB = Workspace("team-b");

    [Theory]
    [InlineData("ws-1/api", "ws-1", "api")]
    [InlineData("ws-1/team/web", "ws-1", "web")]
    public void By_convention_the_first_segment_is_the_workspace_and_the_last_the_app(string repository, string workspace, string app)
    {
        var owner = OwnershipRules.ByConvention(Repository(repository));

        Assert.Equal((workspace, app, false), (owner?.WorkspaceId.Value, owner?.AppId, owner?.Mapped));
    }

    [Theory]
    [InlineData("api")]
    [InlineData("ws__1/api")]
    public void A_repository_the_convention_cannot_place_has_no_owner(string repository) =>
        Assert.Null(OwnershipRules.Resolve(Repository(repository), null, Tenants));

    [Fact]
    public void A_tenant_repository_has_no_workspace_owner_whatever_a_mapping_says()
    {
        var mapped = new RepositoryOwner(TeamA, "api", Mapped: true);

        Assert.Null(OwnershipRules.Resolve(Repository("tenants/tenant-acme"), mapped, Tenants));
        Assert.Null(OwnershipRules.Resolve(Repository("apps/tenants/tenant-acme"), null, new TenantRepositories("apps/tenants/")));
        Assert.Equal(mapped, OwnershipRules.Resolve(Repository("team-b/api"), mapped, Tenants));
    }

    [Fact]
    public void A_workspace_tracks_only_its_own_repositories_under_their_app_and_each_refusal_names_its_rule()
    {
        Assert.Null(Track(TeamA, "api", "team-a/api", mapping: null));
        Assert.Null(Track(TeamA, "shop", "legacy/storefront", new RepositoryOwner(TeamA, "shop", Mapped: true)));

        Assert.Equal((403, OwnershipRules.TenantRepository), Rule(Track(TeamA, "api", "tenants/tenant-acme", new RepositoryOwner(TeamA, "api", Mapped: true))));
        Assert.Equal((403, OwnershipRules.RepositoryOutsideWorkspace), Rule(Track(TeamA, "api", "team-b/api", mapping: null)));
        Assert.Equal((403, OwnershipRules.RepositoryOfAnotherWorkspace), Rule(Track(TeamA, "api", "team-a/api", new RepositoryOwner(TeamB, "api", Mapped: true))));
        Assert.Equal((403, OwnershipRules.RepositoryOutsideWorkspace), Rule(Track(TeamA, "api", "api", mapping: null)));
        Assert.Equal((409, OwnershipRules.AppOfRepository), Rule(Track(TeamA, "web", "team-a/api", mapping: null)));
        Assert.Contains("by convention it is workspace team-b's", Track(TeamA, "api", "team-b/api", mapping: null)!.Detail);
    }

    [Fact]
    public void A_mapping_never_moves_a_repository_another_workspace_owns_nor_the_app_of_tracked_images()
    {
        var toA = new RepositoryOwner(TeamA, "shop", Mapped: true);

        Assert.Null(OwnershipRules.CheckMapping(Repository("legacy/storefront"), toA, mapping: null, conventionOwnerExists: false, imagesOfOtherApps: 0, Tenants));
        Assert.Null(OwnershipRules.CheckMapping(Repository("team-a/storefront"), toA, mapping: null, conventionOwnerExists: true, imagesOfOtherApps: 0, Tenants));
        Assert.Equal((409, OwnershipRules.RepositoryOfAnotherWorkspace),
            Rule(OwnershipRules.CheckMapping(Repository("team-b/storefront"), toA, mapping: null, conventionOwnerExists: true, imagesOfOtherApps: 0, Tenants)));
        Assert.Equal((409, OwnershipRules.RepositoryOfAnotherWorkspace),
            Rule(OwnershipRules.CheckMapping(Repository("legacy/storefront"), toA, new RepositoryOwner(TeamB, "shop", Mapped: true), conventionOwnerExists: false, imagesOfOtherApps: 0, Tenants)));
        Assert.Equal((409, OwnershipRules.RepositoryHasTrackedImages),
            Rule(OwnershipRules.CheckMapping(Repository("team-a/storefront"), toA, mapping: null, conventionOwnerExists: true, imagesOfOtherApps: 3, Tenants)));
        Assert.Equal((403, OwnershipRules.TenantRepository),
            Rule(OwnershipRules.CheckMapping(Repository("tenants/tenant-acme"), toA, mapping: null, conventionOwnerExists: false, imagesOfOtherApps: 0, Tenants)));
    }

    [Fact]
    public void A_mapping_goes_only_when_its_tracked_images_would_keep_their_owner()
    {
        var mapped = new RepositoryOwner(TeamA, "shop", Mapped: true);

        Assert.Null(OwnershipRules.CheckUnmapping(Repository("legacy/storefront"), mapped, trackedImages: 0));
        Assert.Null(OwnershipRules.CheckUnmapping(Repository("team-a/shop"), mapped, trackedImages: 4));
        Assert.Equal((409, OwnershipRules.RepositoryHasTrackedImages), Rule(OwnershipRules.CheckUnmapping(Repository("legacy/storefront"), mapped, trackedImages: 4)));
        Assert.Equal((404, OwnershipRules.NoMapping), Rule(OwnershipRules.CheckUnmapping(Repository("legacy/storefront"), mapping: null, trackedImages: 0)));
    }

    [Fact]
    public void The_workspace_id_that_would_own_the_tenant_repositories_is_reserved()
    {
        Assert.Equal((400, OwnershipRules.ReservedWorkspaceId), Rule(OwnershipRules.CheckWorkspaceId(Workspace("tenants"), Tenants)));
        Assert.Equal((400, OwnershipRules.ReservedWorkspaceId), Rule(OwnershipRules.CheckWorkspaceId(Workspace("apps"), new TenantRepositories("apps/tenants"))));
        Assert.Null(OwnershipRules.CheckWorkspaceId(Workspace("tenants-2"), Tenants));
    }

    private static OwnershipRefusal? Track(WorkspaceId workspace, string app, string repository, RepositoryOwner? mapping) =>
        OwnershipRules.CheckTrack(workspace, app, Repository(repository), OwnershipRules.Resolve(Repository(repository), mapping, Tenants), Tenants);

    private static (int, string)? Rule(OwnershipRefusal? refusal) => refusal is null ? null : (refusal.Status, refusal.Rule);

    private static RepositoryName Repository(string name) => RepositoryName.Parse(name);

    private static WorkspaceId Workspace(string id) => WorkspaceId.TryParse(id, out var parsed) ? parsed : throw new ArgumentException(id);
}
