using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orbit.Infra.Tests.Arm;
using Orbit.Infra.Tests.Templates;

namespace Orbit.Infra.Tests.Policy;

/// <summary>
/// What the compiled infrastructure must hold to, as rules that list their violations (empty when it holds), so a
/// test can show both that the real templates pass and that a broken copy is caught.
/// </summary>
public sealed partial class InfraPolicy(ArmTemplate main)
{
    public const string IdentityType = "Microsoft.ManagedIdentity/userAssignedIdentities";
    private const string RoleAssignmentType = "Microsoft.Authorization/roleAssignments";

    // Property values every resource of a type must have: transport security, no anonymous or key-based access.
    private static readonly (string Type, string Path, JsonNode Expected)[] Hardening =
    [
        ("Microsoft.Web/sites", "properties.httpsOnly", true),
        ("Microsoft.Web/sites", "properties.siteConfig.minTlsVersion", "1.2"),
        ("Microsoft.Web/sites", "properties.siteConfig.scmMinTlsVersion", "1.2"),
        ("Microsoft.Web/sites", "properties.siteConfig.ftpsState", "Disabled"),
        ("Microsoft.Web/sites/basicPublishingCredentialsPolicies", "properties.allow", false),
        ("Microsoft.Storage/storageAccounts", "properties.minimumTlsVersion", "TLS1_2"),
        ("Microsoft.Storage/storageAccounts", "properties.supportsHttpsTrafficOnly", true),
        ("Microsoft.Storage/storageAccounts", "properties.allowBlobPublicAccess", false),
        ("Microsoft.Storage/storageAccounts", "properties.allowSharedKeyAccess", false),
        ("Microsoft.Storage/storageAccounts/blobServices/containers", "properties.publicAccess", "None"),
        ("Microsoft.ServiceBus/namespaces", "properties.minimumTlsVersion", "1.2"),
        ("Microsoft.ServiceBus/namespaces", "properties.disableLocalAuth", true),
        ("Microsoft.ContainerRegistry/registries", "properties.adminUserEnabled", false),
        ("Microsoft.ContainerRegistry/registries", "properties.anonymousPullEnabled", false),
        ("Microsoft.KeyVault/vaults", "properties.enableRbacAuthorization", true),
        ("Microsoft.Insights/components", "properties.DisableLocalAuth", true),
        ("Microsoft.OperationalInsights/workspaces", "properties.features.disableLocalAuth", true),
    ];

    // The connections the app makes with the identity, and the setting that says where each goes.
    private static readonly (string Connection, string Locator)[] IdentityConnections =
    [
        ("AzureWebJobsStorage", "accountName"),
        ("ServiceBus__Connection", "fullyQualifiedNamespace"),
    ];

    private readonly SecretFlow secrets = new(main);

    public ArmTemplate Main => main;

    public IEnumerable<TemplateResource> Resources => main.SelfAndDescendants().SelectMany(template => template.Resources);

    public IReadOnlyList<TemplateResource> OfType(string type) => Resources.Where(resource => resource.Type == type).ToList();

    public AppSettings AppSettings => AppSettings.Of(Resources.Single(AppSettings.IsAppSettings));

    /// <summary>No app setting carries a key, a connection string or a secret that is not a Key Vault reference.</summary>
    public IEnumerable<string> SecretsInAppSettings()
    {
        var settings = AppSettings;
        foreach (var setting in settings.All)
        {
            if (secrets.SecretIn(setting.Value) is { } reason)
            {
                yield return $"App setting {setting.Name} {reason}.";
            }

            if (IsConnectionStringSetting(setting.Name) && !IsIdentityAuthenticatedTelemetry(setting))
            {
                yield return $"App setting {setting.Name} is a connection string; the app's connections are identity-based.";
            }

            if (SecretSettingName().IsMatch(setting.Name) && !IsKeyVaultReference(setting.Value.Origin()))
            {
                yield return $"App setting {setting.Name} holds a secret but is not a Key Vault reference: {setting.Value.Expression}.";
            }
        }

        foreach (var parameter in settings.PassThroughParameters)
        {
            var template = settings.Resource.Template;
            var passed = new Traced(template, new ArmCall("parameters", [new ArmString(parameter)]));
            if (template.IsSecureParameter(parameter) || secrets.SecretIn(passed) is not null)
            {
                yield return $"App settings take the parameter '{parameter}' of {template.Path}, which can carry a secret.";
            }
        }
    }

    /// <summary>Storage and Service Bus are reached with the user-assigned identity, and so are the Key Vault and the package.</summary>
    public IEnumerable<string> ConnectionsNotIdentityBased()
    {
        var settings = AppSettings;
        foreach (var (connection, locator) in IdentityConnections)
        {
            if (settings[connection] is not null)
            {
                yield return $"{connection} is set: a connection string, where the identity-based {connection}__{locator} belongs.";
            }

            if (settings[$"{connection}__{locator}"] is null)
            {
                yield return $"{connection}__{locator} is not set.";
            }

            if (settings[$"{connection}__credential"]?.Value.Origin().Expression is not ArmString { Value: "managedidentity" })
            {
                yield return $"{connection}__credential is not 'managedidentity'.";
            }

            if (settings[$"{connection}__clientId"]?.Value.Origin() is not { } clientId || !clientId.IsPropertyOf(IdentityType, "clientId"))
            {
                yield return $"{connection}__clientId is not the user-assigned identity's client id.";
            }
        }

        if (settings["AZURE_CLIENT_ID"]?.Value.Origin() is not { } defaultCredential || !defaultCredential.IsPropertyOf(IdentityType, "clientId"))
        {
            yield return "AZURE_CLIENT_ID (DefaultAzureCredential's managed identity) is not the user-assigned identity's client id.";
        }

        foreach (var site in OfType("Microsoft.Web/sites"))
        {
            if (site.At("identity.type")?.GetValue<string>() != "UserAssigned"
                || site.At("identity.userAssignedIdentities") is not JsonObject identities
                || identities.Count != 1
                || !new Traced(site.Template, ArmExpression.FromJson(JsonValue.Create(identities.Single().Key))).Origin().IsIdOf(IdentityType))
            {
                yield return $"{site} does not run as the user-assigned identity alone.";
            }

            foreach (var path in new[] { "properties.keyVaultReferenceIdentity", "properties.functionAppConfig.deployment.storage.authentication.userAssignedIdentityResourceId" })
            {
                if (!new Traced(site.Template, site.ValueAt(path)).Origin().IsIdOf(IdentityType))
                {
                    yield return $"{site}: {path} is not the user-assigned identity.";
                }
            }
        }
    }

    /// <summary>No output of any template is secure or carries a secret.</summary>
    public IEnumerable<string> SecretsInOutputs()
    {
        foreach (var output in main.SelfAndDescendants().SelectMany(template => template.Outputs))
        {
            if (output.Type.StartsWith("secure", StringComparison.OrdinalIgnoreCase) || SecretSettingName().IsMatch(output.Name))
            {
                yield return $"The {output} is a secret.";
            }

            if (secrets.SecretIn(new Traced(output.Template, output.Value)) is { } reason)
            {
                yield return $"The {output} {reason}.";
            }
        }
    }

    /// <summary>The role assignments of every template, read where they can be.</summary>
    public IReadOnlyList<RoleGrant> RoleGrants() =>
        OfType(RoleAssignmentType)
            .Select(resource => (resource, role: BuiltInRoleId(resource), scope: resource.Scope is { } scope ? ScopeType(scope) : null))
            .Where(found => found.role is not null && found.scope is not null)
            .Select(found => new RoleGrant(found.role!, found.scope!, found.resource.Condition, found.resource))
            .ToList();

    /// <summary>Every role assignment: a built-in role, to the identity, scoped to one resource (never a group or subscription).</summary>
    public IEnumerable<string> RoleAssignmentsOutOfBounds()
    {
        foreach (var assignment in OfType(RoleAssignmentType))
        {
            if (BuiltInRoleId(assignment) is null)
            {
                yield return $"{assignment}: the role is not a built-in role definition id: {assignment.ValueAt("properties.roleDefinitionId")}.";
            }

            if (assignment.Scope is not { } scope)
            {
                yield return $"{assignment} has no scope: it applies to its deployment's whole resource group, not to a resource.";
            }
            else if (ScopeType(scope) is null)
            {
                yield return $"{assignment} is scoped to {scope}, not to a resource.";
            }

            if (!new Traced(assignment.Template, assignment.ValueAt("properties.principalId")).Origin().IsPropertyOf(IdentityType, "principalId"))
            {
                yield return $"{assignment} is not for the app's user-assigned identity.";
            }

            if (assignment.At("properties.principalType")?.GetValue<string>() != "ServicePrincipal")
            {
                yield return $"{assignment}: principalType is not ServicePrincipal.";
            }
        }
    }

    /// <summary>HTTPS only, TLS 1.2 at least, no public blobs, no shared keys, no admin user, no local auth.</summary>
    public IEnumerable<string> UnhardenedResources() =>
        from rule in Hardening
        from resource in OfType(rule.Type)
        where !JsonNode.DeepEquals(resource.At(rule.Path), rule.Expected)
        select $"{resource}: {rule.Path} is {resource.At(rule.Path)?.ToJsonString() ?? "not set"}, not {rule.Expected.ToJsonString()}.";

    // subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '<guid>'): a built-in role, the same id in every tenant.
    private static string? BuiltInRoleId(TemplateResource assignment) =>
        assignment.ValueAt("properties.roleDefinitionId") is ArmCall call
        && call.Is("subscriptionResourceId")
        && call.StringArgument(0) == "Microsoft.Authorization/roleDefinitions"
        && Guid.TryParse(call.StringArgument(1), out _)
            ? call.StringArgument(1)
            : null;

    // Bicep writes `scope: storage` as format('Microsoft.Storage/storageAccounts/{0}', …); the type is the path without its names.
    private static string? ScopeType(ArmExpression scope)
    {
        var path = scope switch
        {
            ArmCall call when call.Is("format") || call.Is("resourceId") => call.StringArgument(0),
            ArmString literal => literal.Value,
            _ => null,
        };
        if (path is null || !path.StartsWith("Microsoft.", StringComparison.Ordinal))
        {
            return null;
        }

        if (!path.Contains('{', StringComparison.Ordinal))
        {
            return path; // resourceId('TYPE', …) names the type itself
        }

        var segments = path.Split('/');
        var types = segments.Skip(1).Where((_, index) => index % 2 == 0);
        var names = segments.Skip(1).Where((_, index) => index % 2 == 1);
        return segments.Length % 2 == 1 && names.All(name => name.StartsWith('{')) ? string.Join('/', types.Prepend(segments[0])) : null;
    }

    private static bool IsConnectionStringSetting(string name) =>
        name is "AzureWebJobsStorage" or "AzureWebJobsDashboard" or "ServiceBus__Connection" or "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING"
        || name.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("CONNECTION_STRING", StringComparison.Ordinal);

    // APPLICATIONINSIGHTS_CONNECTION_STRING names the component; SecretFlow has checked that the component refuses
    // anything but Entra tokens, so it is not a credential.
    private bool IsIdentityAuthenticatedTelemetry(AppSetting setting) =>
        setting.Name == "APPLICATIONINSIGHTS_CONNECTION_STRING"
        && setting.Value.Origin().IsPropertyOf("Microsoft.Insights/components", "ConnectionString")
        && secrets.SecretIn(setting.Value) is null;

    private static bool IsKeyVaultReference(Traced value) => value.Expression switch
    {
        ArmString literal => literal.Value.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal),
        ArmCall format when format.Is("format") => format.StringArgument(0)?.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal) == true,
        _ => false,
    };

    // A name part that says secret: Password, Secret(s), Key(s), AccountKey, SasToken, …
    [GeneratedRegex(@"(^|_)(\w*password|\w*secrets?|keys?|\w*accountkey|\w*accesskey|\w*sas\w*|\w*token)(_|$)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretSettingName();
}
