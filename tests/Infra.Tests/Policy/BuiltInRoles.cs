namespace Orbit.Infra.Tests.Policy;

/// <summary>The Azure built-in roles the app holds, by role definition id (the same in every tenant).</summary>
public static class BuiltInRoles
{
    public const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    public const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    public const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    public const string ServiceBusDataReceiver = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0";
    public const string AcrPull = "7f951dda-4ed3-4680-a7ca-43fe172d538d";
    public const string AcrDelete = "c2f4ef07-c644-48eb-af81-4b1b4947fb11";
    public const string Contributor = "b24988ac-6180-42a0-ab88-20f7382dd24c";
    public const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    public const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        [StorageBlobDataOwner] = "Storage Blob Data Owner",
        [StorageQueueDataContributor] = "Storage Queue Data Contributor",
        [StorageTableDataContributor] = "Storage Table Data Contributor",
        [ServiceBusDataReceiver] = "Azure Service Bus Data Receiver",
        [AcrPull] = "AcrPull",
        [AcrDelete] = "AcrDelete",
        [Contributor] = "Contributor",
        [KeyVaultSecretsUser] = "Key Vault Secrets User",
        [MonitoringMetricsPublisher] = "Monitoring Metrics Publisher",
    };

    public static string NameOf(string roleDefinitionId) => Names.GetValueOrDefault(roleDefinitionId, $"role {roleDefinitionId}");
}
