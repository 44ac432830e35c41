using Orbit.Infra.Tests.Bicep;
using Orbit.Infra.Tests.Fixtures;
using Orbit.Infra.Tests.Policy;
using Orbit.Testing;

namespace Orbit.Infra.Tests;

/// <summary>
/// The checks fail when the templates break: each test compiles a copy of infra/ with one mistake in it, with the
/// real Bicep CLI, and shows the check that passes on the real templates reporting it.
/// </summary>
public sealed class PolicyCatchesBreakagesTests
{
    private const string FunctionApp = "modules/function-app.bicep";
    private const string Storage = "modules/storage.bicep";

    [Fact]
    public async Task AStorageConnectionStringWithTheAccountKeyInAnAppSettingIsCaught()
    {
        var infra = await CompileChangedAsync(
            FunctionApp,
            "    AzureWebJobsStorage__accountName: storageAccountName\n",
            "    AzureWebJobsStorage__accountName: storageAccountName\n    AzureWebJobsStorage: 'DefaultEndpointsProtocol=https;AccountName=${storageAccountName};AccountKey=${listKeys(resourceId('Microsoft.Storage/storageAccounts', storageAccountName), '2025-06-01').keys[0].value}'\n");

        Assert.Contains(infra.Policy.SecretsInAppSettings(), violation => violation.StartsWith("App setting AzureWebJobsStorage calls listKeys()", StringComparison.Ordinal));
        Assert.Contains(infra.Policy.SecretsInAppSettings(), violation => violation.StartsWith("App setting AzureWebJobsStorage is a connection string", StringComparison.Ordinal));
        Assert.Contains(infra.Policy.ConnectionsNotIdentityBased(), violation => violation.StartsWith("AzureWebJobsStorage is set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AServiceBusConnectionStringWithAWrittenKeyIsCaught()
    {
        var infra = await CompileChangedAsync(
            FunctionApp,
            "    ServiceBus__Entity: serviceBusEntity\n",
            "    ServiceBus__Entity: serviceBusEntity\n    ServiceBus__Connection: 'Endpoint=sb://${serviceBusNamespace}/;SharedAccessKeyName=listen;SharedAccessKey=c2VjcmV0LWtleS1ub3QtcmVhbA=='\n");

        Assert.Contains(infra.Policy.SecretsInAppSettings(), violation => violation.StartsWith("App setting ServiceBus__Connection holds a credential", StringComparison.Ordinal));
        Assert.Contains(infra.Policy.SecretsInAppSettings(), violation => violation.StartsWith("App setting ServiceBus__Connection is a connection string", StringComparison.Ordinal));
        Assert.Contains(infra.Policy.ConnectionsNotIdentityBased(), violation => violation.StartsWith("ServiceBus__Connection is set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APasswordWrittenIntoAnAppSettingIsCaught()
    {
        var infra = await CompileChangedAsync(
            FunctionApp,
            "    Registry__UseAzureIdentity: 'true'\n",
            "    Registry__UseAzureIdentity: 'true'\n    Registry__Password: 'correct-horse-battery-staple'\n");

        Assert.Contains(infra.Policy.SecretsInAppSettings(), violation => violation.StartsWith("App setting Registry__Password holds a secret but is not a Key Vault reference", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASecureParameterPassedIntoTheAppSettingsThroughAModuleIsCaught()
    {
        var infra = await CompileChangedAsync(
            "main.bicep",
            "    appSettings: appSettings\n",
            "    appSettings: union(appSettings, { Notifications__SmtpPassword: smtpPassword })\n");

        Assert.Contains(infra.Policy.SecretsInAppSettings(), violation => violation.Contains("the parameter 'appSettings'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AStorageAccountKeyInAnOutputIsCaught()
    {
        var infra = await CompileChangedAsync(
            Storage,
            "output name string = storage.name\n",
            "output name string = storage.name\n#disable-next-line outputs-should-not-contain-secrets\noutput primaryKey string = storage.listKeys().keys[0].value\n");

        Assert.Contains(infra.Policy.SecretsInOutputs(), violation => violation.Contains("output primaryKey of main/storage calls listKeys()", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARoleAssignmentWithoutAScopeIsCaught()
    {
        var infra = await CompileChangedAsync(
            Storage,
            "  name: guid(storage.id, identityId, 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')\n  scope: storage\n",
            "  name: guid(storage.id, identityId, 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')\n");

        Assert.Contains(infra.Policy.RoleAssignmentsOutOfBounds(), violation => violation.Contains("has no scope", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARoleOnTheWholeNamespaceInsteadOfTheTopicIsCaught()
    {
        var infra = await CompileChangedAsync(
            "modules/service-bus.bicep",
            "  name: guid(topic.id, identityId, '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0')\n  scope: topic\n",
            "  name: guid(topic.id, identityId, '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0')\n  scope: namespace\n");

        var granted = infra.Policy.RoleGrants().Select(grant => (grant.RoleDefinitionId, grant.ScopeType)).ToHashSet();
        Assert.Contains((BuiltInRoles.ServiceBusDataReceiver, "Microsoft.ServiceBus/namespaces"), granted);
        Assert.False(granted.SetEquals(RoleAssignmentsTests.RolesTheAppUses));
    }

    [Fact]
    public async Task ARoleTheAppDoesNotUseIsCaught()
    {
        var infra = await CompileChangedAsync(
            "modules/registry-access.bicep",
            "    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')\n",
            "    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8311e382-0749-4cb8-b61a-304f252e45ec')\n");

        var granted = infra.Policy.RoleGrants().Select(grant => (grant.RoleDefinitionId, grant.ScopeType)).ToHashSet();
        Assert.False(granted.SetEquals(RoleAssignmentsTests.RolesTheAppUses));
    }

    [Theory]
    [InlineData(Storage, "minimumTlsVersion: 'TLS1_2'", "minimumTlsVersion: 'TLS1_0'", "properties.minimumTlsVersion")]
    [InlineData(Storage, "allowBlobPublicAccess: false", "allowBlobPublicAccess: true", "properties.allowBlobPublicAccess")]
    [InlineData(Storage, "allowSharedKeyAccess: false", "allowSharedKeyAccess: true", "properties.allowSharedKeyAccess")]
    [InlineData(FunctionApp, "httpsOnly: true", "httpsOnly: false", "properties.httpsOnly")]
    [InlineData(FunctionApp, "      minTlsVersion: '1.2'", "      minTlsVersion: '1.1'", "properties.siteConfig.minTlsVersion")]
    [InlineData("modules/service-bus.bicep", "disableLocalAuth: true", "disableLocalAuth: false", "properties.disableLocalAuth")]
    public async Task AWeakenedResourceIsCaught(string file, string find, string replaceWith, string property)
    {
        var infra = await CompileChangedAsync(file, find, replaceWith);

        Assert.Contains(infra.Policy.UnhardenedResources(), violation => violation.Contains($": {property} is ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AConnectionOnSharedKeysInsteadOfTheIdentityIsCaught()
    {
        var infra = await CompileChangedAsync(
            FunctionApp,
            "    ServiceBus__Connection__credential: 'managedidentity'\n",
            "    ServiceBus__Connection__credential: 'sharedaccesskey'\n");

        Assert.Contains("ServiceBus__Connection__credential is not 'managedidentity'.", infra.Policy.ConnectionsNotIdentityBased());
    }

    [Fact]
    public async Task ASettingNameTheAppDoesNotReadIsCaught()
    {
        var infra = await CompileChangedAsync(
            FunctionApp,
            "    Registry__UseAzureIdentity: 'true'\n",
            "    Registry__UseAzureIdentity: 'true'\n    Registry__UseAzureIdentities: 'true'\n");
        var documented = DocumentedSettings.FromReadme(Path.Combine(RepositoryPaths.Root, "README.md"));

        Assert.True(documented.Documents("Registry__UseAzureIdentity"));
        Assert.False(documented.Documents("Registry__UseAzureIdentities"));
        Assert.Contains(infra.Policy.AppSettings.All, setting => setting.Name == "Registry__UseAzureIdentities");
    }

    [Fact]
    public async Task ALintWarningFailsTheCleanBuildAndLint()
    {
        using var copy = InfraCopy.WithChange(Storage, "resource storage ", "param unusedSetting string = 'never used'\n\nresource storage ");

        var lint = await BicepCli.LintAllAsync(copy.Directory, "*.bicep*");
        var build = await BicepCli.BuildAllAsync(copy.Directory, "*.bicep");

        Assert.False(lint.IsClean);
        Assert.Contains(lint.Diagnostics, diagnostic => diagnostic is { Level: "Warning", Code: "no-unused-params" } && diagnostic.File.EndsWith("storage.bicep", StringComparison.Ordinal));
        Assert.Equal(0, build.ExitCode);
        Assert.False(build.IsClean, "a build that warns is not clean");
    }

    private static async Task<CompiledInfra> CompileChangedAsync(string file, string find, string replaceWith)
    {
        using var copy = InfraCopy.WithChange(file, find, replaceWith);
        return await copy.CompileAsync();
    }
}
