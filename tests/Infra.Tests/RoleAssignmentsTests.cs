using Orbit.Infra.Tests.Arm;
using Orbit.Infra.Tests.Fixtures;
using Orbit.Infra.Tests.Policy;
using Orbit.Infra.Tests.Templates;

namespace Orbit.Infra.Tests;

/// <summary>The identity holds exactly the roles the app uses, each scoped to the one resource it concerns.</summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class RoleAssignmentsTests(CompiledInfraFixture fixture)
{
    /// <summary>What the app does with each resource, and so the one built-in role it needs there.</summary>
    public static readonly IReadOnlySet<(string Role, string Scope)> RolesTheAppUses = new HashSet<(string, string)>
    {
        (BuiltInRoles.StorageBlobDataOwner, "Microsoft.Storage/storageAccounts"),        // host locks and keys, Durable leases, the package
        (BuiltInRoles.StorageQueueDataContributor, "Microsoft.Storage/storageAccounts"), // queue triggers, work items, Durable queues
        (BuiltInRoles.StorageTableDataContributor, "Microsoft.Storage/storageAccounts"), // usage, tenants, hosts, Durable tables
        (BuiltInRoles.ServiceBusDataReceiver, "Microsoft.ServiceBus/namespaces/topics"), // tenant events, peek-locked
        (BuiltInRoles.AcrPull, "Microsoft.ContainerRegistry/registries"),                // manifests, tags, the catalog
        (BuiltInRoles.AcrDelete, "Microsoft.ContainerRegistry/registries"),              // cleanup and tenant image deletion
        (BuiltInRoles.Contributor, "Microsoft.ContainerRegistry/registries"),            // ACR tenant tokens (conditional, below)
        (BuiltInRoles.KeyVaultSecretsUser, "Microsoft.KeyVault/vaults"),                 // Key Vault references
        (BuiltInRoles.MonitoringMetricsPublisher, "Microsoft.Insights/components"),      // telemetry with Entra auth
    };

    private InfraPolicy Policy => fixture.Infra.Policy;

    [Fact]
    public void TheIdentityHoldsExactlyTheRolesTheAppUsesOnTheResourcesItUsesThemOn()
    {
        var granted = Policy.RoleGrants().Select(grant => (grant.RoleDefinitionId, grant.ScopeType)).ToList();

        Assert.Equal(granted.Count, granted.Distinct().Count());
        Assert.Equal(RolesTheAppUses.Order(), granted.Order());
    }

    [Fact]
    public void EveryAssignmentIsABuiltInRoleForTheIdentityScopedToOneResource()
    {
        Assert.Empty(Policy.RoleAssignmentsOutOfBounds());
        Assert.Equal(Policy.OfType("Microsoft.Authorization/roleAssignments").Count, Policy.RoleGrants().Count);
    }

    [Fact]
    public void ContributorOnTheRegistryOnlyWhenAcrTenantTokensAreOnWhichTheyAreNotByDefault()
    {
        var grants = Policy.RoleGrants();
        var contributor = Assert.Single(grants, grant => grant.RoleDefinitionId == BuiltInRoles.Contributor);
        var condition = new Traced(contributor.Resource.Template, contributor.Condition!).Origin(keepMainParameters: true);

        Assert.Equal("main", condition.Template.Path);
        Assert.Equal(new ArmCall("parameters", [new ArmString("acrTenantTokens")]), condition.Expression);
        Assert.Equal(new ArmCall("false", []), fixture.Infra.Main.ParameterDefault("acrTenantTokens"));
        Assert.All(grants.Where(grant => grant != contributor), grant => Assert.Null(grant.Condition));
        // The app makes ACR tokens exactly when it may: Tenants:RegistryKind follows the same parameter.
        var kind = Assert.IsType<ArmCall>(Policy.AppSettings["Tenants__RegistryKind"]!.Value.Expression);
        Assert.True(kind.Is("if"));
        Assert.Equal(condition.Expression, new Traced(Policy.AppSettings.Resource.Template, kind.Arguments[0]).Origin(keepMainParameters: true).Expression);
        Assert.Equal(new ArmString("Acr"), kind.Arguments[1]);
    }
}
