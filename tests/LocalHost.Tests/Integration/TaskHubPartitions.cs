using Azure.Data.Tables;
using Orbit.Testing;

namespace Orbit.LocalHost.Tests.Integration;

/// <summary>Who owns each control queue of a task hub, as DurableTask.AzureStorage records it in <c>&lt;hub&gt;Partitions</c>.</summary>
public sealed record TaskHubPartitions(IReadOnlyDictionary<string, string> Owners)
{
    /// <summary>How many workers own partitions; a partition between owners has none.</summary>
    public int OwnerCount => Owners.Values.Where(owner => owner.Length > 0).Distinct(StringComparer.Ordinal).Count();

    public bool AllOwned(int partitionCount) => Owners.Count == partitionCount && Owners.Values.All(owner => owner.Length > 0);

    public static async Task<TaskHubPartitions> ReadAsync(AzuriteServer azurite, string hub)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            await foreach (var partition in new TableClient(azurite.ConnectionString, $"{hub}Partitions").QueryAsync<TableEntity>())
            {
                owners[partition.RowKey] = partition.GetString("CurrentOwner") ?? string.Empty;
            }
        }
        catch (Azure.RequestFailedException exception) when (exception.Status == 404)
        {
            // The task hub is not created yet.
        }

        return new TaskHubPartitions(owners);
    }

    public override string ToString() =>
        string.Join(", ", Owners.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}"));
}
