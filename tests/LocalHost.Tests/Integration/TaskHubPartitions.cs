using Azure.Data.Tables;
using Orbit.Testing;

namespace Orbit.LocalHost.Tests.Integration;

/// <summary>Who owns each control queue of a task hub, as DurableTask.AzureStorage records it in <c>&lt;hub&gt;Partitions</c>.</summary>
public sealed record TaskHubPartitions(IReadOnlyDictionary<string, string> Owners)
{
    /// <summary>How many workers own partitions; a partition between owners has none.</summary>
    public int OwnerCount => Owners.Values.Where(owner => owner.Length > 0).Distinct(StringComparer.Ordinal).Count();

    public bool AllOwned(int partitionCount) => Owners.Count == partitionCount && Owners.Values.All(owner => owner.Length > 0);

    public static async Task<TaskHubPartitions> ReadAsync(AzuriteServer azurite, string hub) =>
        new((await LeasesAsync(azurite, hub)).ToDictionary(partition => partition.RowKey, partition => partition.GetString("CurrentOwner") ?? string.Empty, StringComparer.Ordinal));

    /// <summary>Each partition's lease row as it is (owner, next owner, draining, expiry); none before the task hub exists.</summary>
    public static async Task<IReadOnlyList<TableEntity>> LeasesAsync(AzuriteServer azurite, string hub)
    {
        var leases = new List<TableEntity>();
        try
        {
            await foreach (var partition in new TableClient(azurite.ConnectionString, $"{hub}Partitions").QueryAsync<TableEntity>())
            {
                leases.Add(partition);
            }
        }
        catch (Azure.RequestFailedException exception) when (exception.Status == 404)
        {
            // The task hub is not created yet.
        }

        return leases;
    }

    public override string ToString() =>
        string.Join(", ", Owners.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}"));
}
