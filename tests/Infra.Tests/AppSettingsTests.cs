using Orbit.Infra.Tests.Arm;
using Orbit.Infra.Tests.Fixtures;
using Orbit.Infra.Tests.Policy;
using Orbit.Infra.Tests.Templates;
using Orbit.Testing;

namespace Orbit.Infra.Tests;

/// <summary>The function app's settings: identity-based connections, secrets only as Key Vault references, names the app reads.</summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class AppSettingsTests(CompiledInfraFixture fixture)
{
    /// <summary>Settings the template writes that the README's table does not list, each read by Azure or its SDKs.</summary>
    private static readonly Dictionary<string, string> ReadByAzure = new()
    {
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "the Functions host and Azure Monitor: which component gets the telemetry",
        ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "the Functions host and Azure Monitor: send it with the identity's Entra token",
        ["AZURE_CLIENT_ID"] = "Azure.Identity's DefaultAzureCredential: which managed identity (registry token exchange, ARM)",
        ["AzureFunctionsJobHost__extensions__durableTask__hubName"] = "the Functions host: host.json's Durable task hub",
    };

    private InfraPolicy Policy => fixture.Infra.Policy;

    [Fact]
    public void NoSettingHoldsAKeyAConnectionStringOrASecretOtherThanAKeyVaultReference()
    {
        Assert.Empty(Policy.SecretsInAppSettings());
    }

    [Fact]
    public void StorageAndServiceBusAreReachedWithTheUserAssignedIdentity()
    {
        Assert.Empty(Policy.ConnectionsNotIdentityBased());
        Assert.Equal("managedidentity", Assert.IsType<ArmString>(Policy.AppSettings["AzureWebJobsStorage__credential"]!.Value.Origin().Expression).Value);
        Assert.Equal("managedidentity", Assert.IsType<ArmString>(Policy.AppSettings["ServiceBus__Connection__credential"]!.Value.Origin().Expression).Value);
    }

    [Fact]
    public void TheRegistryIsSignedInToWithTheIdentity()
    {
        var settings = Policy.AppSettings;

        Assert.Equal(new ArmString("true"), settings["Registry__UseAzureIdentity"]!.Value.Origin().Expression);
        Assert.Null(settings["Registry__Username"]);
        Assert.Null(settings["Registry__Password"]);
        var url = Assert.IsType<ArmCall>(settings["Registry__Url"]!.Value.Expression);
        Assert.Equal("https://{0}", url.StringArgument(0));
        Assert.True(new Traced(settings.Resource.Template, url.Arguments[1]).Origin().IsPropertyOf("Microsoft.ContainerRegistry/registries", "loginServer"));
    }

    [Fact]
    public void EachDockerHostsReportSecretIsAKeyVaultReferenceToTheSecretTheVaultHoldsForIt()
    {
        var setting = Policy.AppSettings["Hosts__Secrets__<hostId>"];
        var vaultSecret = Assert.Single(Policy.OfType("Microsoft.KeyVault/vaults/secrets"), secret => secret.Name.ToString().Contains("'host-report-{0}'", StringComparison.Ordinal));

        Assert.NotNull(setting);
        Assert.True(setting.IsGenerated);
        var reference = Assert.IsType<ArmCall>(setting.Value.Expression);
        Assert.Equal("@Microsoft.KeyVault(SecretUri={0}secrets/host-report-{1})", reference.StringArgument(0));
        Assert.True(new Traced(setting.Value.Template, reference.Arguments[1]).Origin().IsPropertyOf("Microsoft.KeyVault/vaults", "vaultUri"));
        // The vault's secret holds the value of the secure parameter; only the reference reaches the app.
        Assert.Contains("parameters('dockerHostReportSecrets')", vaultSecret.ValueAt("properties.value").ToString(), StringComparison.Ordinal);
        Assert.True(vaultSecret.Template.IsSecureParameter("dockerHostReportSecrets"));
        Assert.True(fixture.Infra.Main.IsSecureParameter("dockerHostReportSecrets"));
    }

    [Fact]
    public void EverySettingIsOneTheAppReadsOrOneAzureReads()
    {
        var documented = DocumentedSettings.FromReadme(Path.Combine(RepositoryPaths.Root, "README.md"));

        Assert.True(documented.Count > 40, $"only {documented.Count} names read from the README's Configuration table");
        var unknown = Policy.AppSettings.All.Select(setting => setting.Name).Where(name => !documented.Documents(name) && !ReadByAzure.ContainsKey(name)).ToList();

        Assert.Empty(unknown);
    }

    [Fact]
    public void EverySettingATriggerNamesAsPercentSettingPercentHasAValueSoTheHostCanIndexIt()
    {
        // "%Quota:ReconcileSchedule%" in a trigger attribute: the Functions host resolves it from the app settings, or
        // leaves the function out. The names are read from the app's source, so a new trigger setting fails here first.
        var named = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "functions"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(path), "Trigger\\(\"%([^%\"]+)%\"").Select(match => match.Groups[1].Value))
            .Select(name => name.Replace(":", "__", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.Equal(4, named.Count);
        Assert.All(named, name => Assert.True(Policy.AppSettings[name] is not null, $"{name} is not set by the template"));
    }

    [Fact]
    public void NoOutputOfAnyTemplateIsOrCarriesASecret()
    {
        Assert.Empty(Policy.SecretsInOutputs());
        Assert.NotEmpty(fixture.Infra.Main.Outputs);
    }
}
