using Azure.Data.Tables;
using Orbit.Testing;

namespace Orbit.LocalHost.Tests.Integration;

/// <summary>Who owns each control queue of a task hub, as DurableTask.AzureStorage records it in <c>&lt;hub&gt;Partitions</c>.</summary>
/// <param name="Moving">Whether a partition is being handed over (a next owner named, or its owner draining).</param>
public sealed record TaskHubPartitions(IReadOnlyDictionary<string, string> Owners, bool Moving = false)
{
    /// <summary>How many workers own partitions; a partition between owners has none.</summary>
    public int OwnerCount => Owners.Values.Where(owner => owner.Length > 0).Distinct(StringComparer.Ordinal).Count();

    public bool AllOwned(int partitionCount) => Owners.Count == partitionCount && Owners.Values.All(owner => owner.Length > 0);

    public static async Task<TaskHubPartitions> ReadAsync(AzuriteServer azurite, string hub)
    {
        var leases = await LeasesAsync(azurite, hub);
        return new(
            leases.ToDictionary(partition => partition.RowKey, partition => partition.GetString("CurrentOwner") ?? string.Empty, StringComparer.Ordinal),
            leases.Any(partition => !string.IsNullOrEmpty(partition.GetString("NextOwner")) || partition.GetBoolean("IsDraining") == true));
    }

    /// <summary>
    /// The owners if no partition moved or was being handed over for <paramref name="quietFor"/>; else null. A worker that
    /// lost a partition can still finish an episode from it a moment after the new owner took it, and DurableTask.AzureStorage
    /// then may leave a completed instance's status at Running (its split-brain window on a lease move, Azure/durabletask#1252
    /// and kin): a test of what two settled hosts do waits this out.
    /// </summary>
    public static async Task<TaskHubPartitions?> ReadSettledAsync(AzuriteServer azurite, string hub, TimeSpan quietFor)
    {
        var before = await ReadAsync(azurite, hub);
        await Task.Delay(quietFor);
        var after = await ReadAsync(azurite, hub);
        var same = before.Owners.Count == after.Owners.Count
            && before.Owners.All(pair => after.Owners.TryGetValue(pair.Key, out var owner) && owner == pair.Value);
        return same && !before.Moving && !after.Moving ? after : null;
    }

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
