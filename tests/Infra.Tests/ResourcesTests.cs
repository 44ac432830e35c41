using System.Text.Json.Nodes;
using System.Xml.Linq;
using Orbit.Infra.Tests.Arm;
using Orbit.Infra.Tests.Fixtures;
using Orbit.Infra.Tests.Policy;
using Orbit.Infra.Tests.Templates;
using Orbit.Testing;

namespace Orbit.Infra.Tests;

/// <summary>The compiled templates declare what the app runs on, configured as the app needs it.</summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class ResourcesTests(CompiledInfraFixture fixture)
{
    private InfraPolicy Policy => fixture.Infra.Policy;

    [Theory]
    [InlineData("Microsoft.ManagedIdentity/userAssignedIdentities")]
    [InlineData("Microsoft.Web/serverfarms")]
    [InlineData("Microsoft.Web/sites")]
    [InlineData("Microsoft.Web/sites/config")]
    [InlineData("Microsoft.Storage/storageAccounts")]
    [InlineData("Microsoft.Storage/storageAccounts/blobServices/containers")]
    [InlineData("Microsoft.ServiceBus/namespaces")]
    [InlineData("Microsoft.ServiceBus/namespaces/topics")]
    [InlineData("Microsoft.ServiceBus/namespaces/topics/subscriptions")]
    [InlineData("Microsoft.ContainerRegistry/registries")]
    [InlineData("Microsoft.OperationalInsights/workspaces")]
    [InlineData("Microsoft.Insights/components")]
    [InlineData("Microsoft.KeyVault/vaults")]
    public void TheTemplatesDeclareOneOfEach(string type)
    {
        Assert.Single(Policy.OfType(type));
    }

    [Fact]
    public void TheFunctionAppRunsOnFlexConsumptionAsDotnetIsolatedOnTheAppsDotnetVersion()
    {
        var plan = Assert.Single(Policy.OfType("Microsoft.Web/serverfarms"));
        var site = Assert.Single(Policy.OfType("Microsoft.Web/sites"));
        // The app's target framework (net10.0) is Flex Consumption's runtime version (10.0).
        var targetFramework = XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props")).Descendants("TargetFramework").Single().Value;

        Assert.Equal("FC1", plan.At("sku.name")?.GetValue<string>());
        Assert.Equal("FlexConsumption", plan.At("sku.tier")?.GetValue<string>());
        Assert.Equal(true, plan.At("properties.reserved")?.GetValue<bool>());
        Assert.Equal("functionapp,linux", site.At("kind")?.GetValue<string>());
        Assert.True(new Traced(site.Template, site.ValueAt("properties.serverFarmId")).Origin().IsIdOf("Microsoft.Web/serverfarms"));
        Assert.Equal("dotnet-isolated", site.At("properties.functionAppConfig.runtime.name")?.GetValue<string>());
        Assert.Equal(targetFramework.Replace("net", "", StringComparison.Ordinal), site.At("properties.functionAppConfig.runtime.version")?.GetValue<string>());
    }

    [Fact]
    public void ThePackageIsDeployedToAPrivateContainerOfTheAppsStorageAccount()
    {
        var site = Assert.Single(Policy.OfType("Microsoft.Web/sites"));
        var container = Assert.Single(Policy.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"));
        var location = site.ValueAt("properties.functionAppConfig.deployment.storage.value");

        Assert.Equal("blobContainer", site.At("properties.functionAppConfig.deployment.storage.type")?.GetValue<string>());
        Assert.Equal("UserAssignedIdentity", site.At("properties.functionAppConfig.deployment.storage.authentication.type")?.GetValue<string>());
        // format('{0}{1}', <the storage account's blob endpoint>, <the container's name>)
        var format = Assert.IsType<ArmCall>(location);
        Assert.Equal("{0}{1}", format.StringArgument(0));
        var endpoint = new Traced(site.Template, format.Arguments[1]).Origin();
        var blob = Assert.IsType<ArmProperty>(endpoint.Expression);
        Assert.Equal("blob", blob.Name);
        Assert.True(new Traced(endpoint.Template, blob.Target).IsPropertyOf("Microsoft.Storage/storageAccounts", "primaryEndpoints"), endpoint.ToString());
        // The container's own name (storageAccounts/blobServices/containers 'ACCOUNT/default/NAME') is the one deployed to.
        var containerName = Assert.IsType<ArmCall>(container.Name).Arguments[^1];
        Assert.Equal(
            new Traced(container.Template, containerName).Origin().Expression,
            new Traced(site.Template, format.Arguments[2]).Origin().Expression);
        Assert.Equal("None", container.At("properties.publicAccess")?.GetValue<string>());
    }

    [Fact]
    public void AlwaysReadyInstancesKeepTheHttpAndDurableGroupsWarm()
    {
        var site = Assert.Single(Policy.OfType("Microsoft.Web/sites"));
        var groups = Assert.IsType<JsonArray>(site.At("properties.functionAppConfig.scaleAndConcurrency.alwaysReady"));

        var counts = groups.OfType<JsonObject>().ToDictionary(
            group => group["name"]!.GetValue<string>(),
            group => new Traced(site.Template, ArmExpression.FromJson(group["instanceCount"])).Origin().Expression);

        Assert.Equal(["durable", "http"], counts.Keys.Order());
        Assert.All(counts.Values, count => Assert.True(count is ArmNumber { Value: >= 1 }, $"default always-ready count {count}"));
    }

    [Fact]
    public void NoAppSettingIsOneFlexConsumptionRefuses()
    {
        // Flex Consumption takes the runtime, its version, scale and the package from functionAppConfig: the settings
        // that said so on the other plans are deprecated there, and an app that sets them fails to deploy or start.
        string[] refused =
        [
            "FUNCTIONS_EXTENSION_VERSION", "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_WORKER_RUNTIME_VERSION", "FUNCTIONS_MAX_HTTP_CONCURRENCY",
            "FUNCTIONS_WORKER_PROCESS_COUNT", "FUNCTIONS_WORKER_DYNAMIC_CONCURRENCY_ENABLED", "SCM_DO_BUILD_DURING_DEPLOYMENT", "ENABLE_ORYX_BUILD",
            "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTOVERVNET", "WEBSITE_CONTENTSHARE", "WEBSITE_DNS_SERVER",
            "WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT", "WEBSITE_NODE_DEFAULT_VERSION", "WEBSITE_RUN_FROM_PACKAGE",
            "WEBSITE_SKIP_CONTENTSHARE_VALIDATION", "WEBSITE_VNET_ROUTE_ALL",
        ];

        Assert.Empty(Policy.AppSettings.All.Select(setting => setting.Name).Intersect(refused));
    }

    [Fact]
    public void TheTenantEventsSubscriptionDeadLettersAfterTheDocumentedDeliveryCountAndTheAppCountsTheSame()
    {
        var documented = DocumentedDeliveryCount.Read(Path.Combine(RepositoryPaths.Root, "docs", "service-bus.md"));
        var subscription = Assert.Single(Policy.OfType("Microsoft.ServiceBus/namespaces/topics/subscriptions"));
        var settings = Policy.AppSettings;

        Assert.Equal(new ArmNumber(documented), new Traced(subscription.Template, subscription.ValueAt("properties.maxDeliveryCount")).Origin().Expression);
        Assert.Equal(new ArmNumber(documented), settings["ServiceBus__MaxDeliveryCount"]!.Value.Origin().Expression);
        Assert.Equal(true, subscription.At("properties.deadLetteringOnMessageExpiration")?.GetValue<bool>());
        Assert.Equal(true, subscription.At("properties.deadLetteringOnFilterEvaluationExceptions")?.GetValue<bool>());
        // ServiceBus:Entity names the subscription as topic/Subscriptions/subscription.
        var entity = Assert.IsType<ArmCall>(settings["ServiceBus__Entity"]!.Value.Origin().Expression);
        Assert.Equal("{0}/Subscriptions/{1}", entity.StringArgument(0));
    }

    [Fact]
    public void ApplicationInsightsKeepsItsDataInTheLogAnalyticsWorkspace()
    {
        var component = Assert.Single(Policy.OfType("Microsoft.Insights/components"));

        Assert.True(new Traced(component.Template, component.ValueAt("properties.WorkspaceResourceId")).Origin().IsIdOf("Microsoft.OperationalInsights/workspaces"));
        Assert.Equal("LogAnalytics", component.At("properties.IngestionMode")?.GetValue<string>());
    }

    [Fact]
    public void TheDeploymentMakesARegistryOnlyWhenNoExistingOneIsNamed()
    {
        var registry = fixture.Infra.Main.Resources.Single(resource => resource.Type == "Microsoft.Resources/deployments" && resource.Name == new ArmString("registry"));
        var condition = new Traced(fixture.Infra.Main, registry.Condition!).Origin(keepMainParameters: true).Expression;

        Assert.Equal("empty(parameters('existingRegistryName'))", condition.ToString());
        Assert.Equal(new ArmString(""), fixture.Infra.Main.ParameterDefault("existingRegistryName"));
    }
}
