using Orbit.Infra.Tests.Fixtures;

namespace Orbit.Infra.Tests;

/// <summary>HTTPS only, TLS 1.2 at least, no public blob access, and no key, admin or local sign-in anywhere.</summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class HardeningTests(CompiledInfraFixture fixture)
{
    [Fact]
    public void EveryResourceIsHttpsOnlyWithTls12AndNoAnonymousOrKeyAccess()
    {
        Assert.Empty(fixture.Infra.Policy.UnhardenedResources());
    }

    [Theory]
    [InlineData("Microsoft.Web/sites", "properties.httpsOnly", "true")]
    [InlineData("Microsoft.Web/sites", "properties.siteConfig.minTlsVersion", "\"1.2\"")]
    [InlineData("Microsoft.Storage/storageAccounts", "properties.minimumTlsVersion", "\"TLS1_2\"")]
    [InlineData("Microsoft.Storage/storageAccounts", "properties.allowBlobPublicAccess", "false")]
    [InlineData("Microsoft.Storage/storageAccounts", "properties.allowSharedKeyAccess", "false")]
    [InlineData("Microsoft.ServiceBus/namespaces", "properties.minimumTlsVersion", "\"1.2\"")]
    [InlineData("Microsoft.ServiceBus/namespaces", "properties.disableLocalAuth", "true")]
    public void TheRuleIsNotVacuous(string type, string path, string expected)
    {
        // The rule above checks every resource of a type; here each type it is about is really in the templates, set so.
        var resource = Assert.Single(fixture.Infra.Policy.OfType(type));

        Assert.Equal(expected, resource.At(path)?.ToJsonString());
    }
}
