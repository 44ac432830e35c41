using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Orbit.Orchestrations.History;

namespace Orbit.Orchestrations.Storage;

/// <summary>
/// Instances and their histories in two tables. An episode first adds its history row (a new row keyed by
/// episode number and a fresh token, so racing writers never overwrite each other), then rewrites the
/// instance row over the ETag it read, naming that row. Rows no instance row names are the remains of a
/// lost race or a crash and are ignored.
/// </summary>
public sealed class InstanceStore
{
    private const string InstanceRowKey = "instance";

    private readonly TableClient instances;
    private readonly TableClient history;
    private readonly HistoryCache cache = new();
    private readonly Lazy<Task> tablesCreated;

    public InstanceStore(TableServiceClient tables, TaskHubNames names)
    {
        instances = tables.GetTableClient(names.InstancesTable);
        history = tables.GetTableClient(names.HistoryTable);
        tablesCreated = new Lazy<Task>(() => Task.WhenAll(instances.CreateIfNotExistsAsync(), history.CreateIfNotExistsAsync()));
    }

    /// <summary>Adds a pending instance; false when one with this id exists.</summary>
    public async Task<bool> TryCreateAsync(InstanceRecord instance, CancellationToken cancellationToken)
    {
        await EnsureTablesAsync();
        try
        {
            await instances.AddEntityAsync(ToEntity(instance), cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return false;
        }
    }

    public async Task<InstanceRecord?> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        await EnsureTablesAsync();
        var row = await instances.GetEntityIfExistsAsync<TableEntity>(instanceId, InstanceRowKey, cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    public async Task<InstanceState?> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var instance = await GetAsync(instanceId, cancellationToken);
        if (instance is null)
        {
            return null;
        }

        if (instance.LastEpisode is null)
        {
            return new InstanceState(instance, InstanceHistory.Empty);
        }

        var loaded = cache.Find(instanceId, instance.LastEpisode) ?? await ReadHistoryAsync(instance, cancellationToken);
        cache.Remember(instanceId, instance.LastEpisode, loaded);
        return new InstanceState(instance, loaded);
    }

    /// <summary>Appends <paramref name="events"/> as the next episode and writes <paramref name="updated"/>; false when another writer committed first.</summary>
    public async Task<InstanceState?> TryCommitAsync(InstanceState current, IReadOnlyList<HistoryEvent> events, InstanceRecord updated, CancellationToken cancellationToken)
    {
        var episode = new Episode(current.Instance.EpisodeCount, Guid.NewGuid().ToString("N"), current.Instance.LastEpisode, events);
        var row = new TableEntity(current.Instance.InstanceId, $"{episode.Number:D8}-{episode.Token}") { ["Previous"] = episode.PreviousToken };
        ChunkedProperty.Write(row, "Events", JsonSerializer.Serialize(events, OrchestrationJson.Options));
        await history.AddEntityAsync(row, cancellationToken);

        var committed = updated with { EpisodeCount = episode.Number + 1, LastEpisode = episode.Token };
        try
        {
            var response = await instances.UpdateEntityAsync(ToEntity(committed), current.Instance.ETag, TableUpdateMode.Replace, cancellationToken);
            var state = new InstanceState(committed with { ETag = response.Headers.ETag ?? default }, new InstanceHistory([.. current.History.Episodes, episode]));
            cache.Remember(committed.InstanceId, episode.Token, state.History);
            return state;
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            await DeleteOrphanAsync(row);
            return null;
        }
    }

    /// <summary>Notes that the sweeper re-sent the instance's outstanding work, unless the instance moved on meanwhile.</summary>
    public async Task MarkRedrivenAsync(InstanceRecord instance, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await instances.UpdateEntityAsync(new TableEntity(instance.InstanceId, InstanceRowKey) { ["LastRedriveTime"] = now }, instance.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            // An episode committed meanwhile: the instance is not stuck after all.
        }
    }

    public async Task<InstancePage> ListAsync(InstanceQuery query, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        await EnsureTablesAsync();
        var filters = new List<string> { TableClient.CreateQueryFilter($"RowKey eq {InstanceRowKey}") };
        if (query.Statuses.Count > 0)
        {
            filters.Add("(" + string.Join(" or ", query.Statuses.Select(s => TableClient.CreateQueryFilter($"RuntimeStatus eq {s.ToString()}"))) + ")");
        }

        if (query.Name is { } name)
        {
            filters.Add(TableClient.CreateQueryFilter($"Name eq {name}"));
        }

        if (query.CreatedFrom is { } from)
        {
            filters.Add(TableClient.CreateQueryFilter($"CreatedTime ge {from}"));
        }

        if (query.CreatedTo is { } to)
        {
            filters.Add(TableClient.CreateQueryFilter($"CreatedTime le {to}"));
        }

        var pages = instances.QueryAsync<TableEntity>(string.Join(" and ", filters), pageSize, cancellationToken: cancellationToken).AsPages(continuationToken, pageSize);
        await foreach (var page in pages)
        {
            return new InstancePage(page.Values.Select(FromEntity).ToList(), page.ContinuationToken);
        }

        return new InstancePage([], null);
    }

    /// <summary>Pending and running instances not updated since <paramref name="before"/>.</summary>
    public async IAsyncEnumerable<InstanceRecord> ListIdleActiveAsync(DateTimeOffset before, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureTablesAsync();
        var filter = TableClient.CreateQueryFilter(
            $"RowKey eq {InstanceRowKey} and (RuntimeStatus eq {nameof(OrchestrationRuntimeStatus.Pending)} or RuntimeStatus eq {nameof(OrchestrationRuntimeStatus.Running)}) and LastUpdatedTime lt {before}");
        await foreach (var row in instances.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return FromEntity(row);
        }
    }

    /// <summary>Deletes an instance's row and history; false when there is no such instance.</summary>
    public async Task<bool> PurgeAsync(InstanceRecord instance, CancellationToken cancellationToken)
    {
        try
        {
            await instances.DeleteEntityAsync(instance.InstanceId, InstanceRowKey, instance.ETag, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            return false;
        }

        cache.Forget(instance.InstanceId);
        var rows = history.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instance.InstanceId}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken);
        var batch = new List<TableTransactionAction>();
        await foreach (var row in rows)
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All));
            if (batch.Count == 100)
            {
                await history.SubmitTransactionAsync(batch, cancellationToken);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await history.SubmitTransactionAsync(batch, cancellationToken);
        }

        return true;
    }

    private async Task<InstanceHistory> ReadHistoryAsync(InstanceRecord instance, CancellationToken cancellationToken)
    {
        var byToken = new Dictionary<string, (int Number, string? Previous, string Events)>(StringComparer.Ordinal);
        await foreach (var row in history.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instance.InstanceId}"), cancellationToken: cancellationToken))
        {
            var separator = row.RowKey.IndexOf('-', StringComparison.Ordinal);
            byToken[row.RowKey[(separator + 1)..]] = (int.Parse(row.RowKey[..separator], System.Globalization.CultureInfo.InvariantCulture), row.GetString("Previous"), ChunkedProperty.Read(row, "Events") ?? "[]");
        }

        var episodes = new List<Episode>(instance.EpisodeCount);
        for (var token = instance.LastEpisode; token is not null;)
        {
            if (!byToken.TryGetValue(token, out var row))
            {
                throw new InvalidOperationException($"Instance {instance.InstanceId}: history episode {token} named by its row is missing from table {history.Name}.");
            }

            episodes.Add(new Episode(row.Number, token, row.Previous, JsonSerializer.Deserialize<List<HistoryEvent>>(row.Events, OrchestrationJson.Options)!));
            token = row.Previous;
        }

        episodes.Reverse();
        return new InstanceHistory(episodes);
    }

    private Task EnsureTablesAsync() => tablesCreated.Value;

    /// <summary>Tidies up the history row of an episode that lost its commit; left behind, it would only be ignored.</summary>
    private async Task DeleteOrphanAsync(TableEntity row)
    {
        try
        {
            await history.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, CancellationToken.None);
        }
        catch (RequestFailedException)
        {
            // Nothing names it, so it does no harm; a purge removes it with the rest.
        }
    }

    private static TableEntity ToEntity(InstanceRecord instance)
    {
        var entity = new TableEntity(instance.InstanceId, InstanceRowKey)
        {
            ["Name"] = instance.Name,
            ["RuntimeStatus"] = instance.RuntimeStatus.ToString(),
            ["CreatedTime"] = instance.CreatedTime,
            ["LastUpdatedTime"] = instance.LastUpdatedTime,
            ["EpisodeCount"] = instance.EpisodeCount,
            ["LastEpisode"] = instance.LastEpisode,
            ["OpenTasks"] = instance.OpenTasks,
            ["NextTimerAt"] = instance.NextTimerAt,
            ["LastRedriveTime"] = instance.LastRedriveTime,
        };
        ChunkedProperty.Write(entity, "Input", instance.Input);
        ChunkedProperty.Write(entity, "Output", instance.Output);
        ChunkedProperty.Write(entity, "CustomStatus", instance.CustomStatus);
        return entity;
    }

    private static InstanceRecord FromEntity(TableEntity entity) =>
        new(
            entity.PartitionKey,
            entity.GetString("Name"),
            Enum.Parse<OrchestrationRuntimeStatus>(entity.GetString("RuntimeStatus")),
            ChunkedProperty.Read(entity, "Input"),
            ChunkedProperty.Read(entity, "Output"),
            ChunkedProperty.Read(entity, "CustomStatus"),
            entity.GetDateTimeOffset("CreatedTime") ?? default,
            entity.GetDateTimeOffset("LastUpdatedTime") ?? default)
        {
            EpisodeCount = entity.GetInt32("EpisodeCount") ?? 0,
            LastEpisode = entity.GetString("LastEpisode"),
            OpenTasks = entity.GetInt32("OpenTasks") ?? 0,
            NextTimerAt = entity.GetDateTimeOffset("NextTimerAt"),
            LastRedriveTime = entity.GetDateTimeOffset("LastRedriveTime"),
            ETag = entity.ETag,
        };
}
