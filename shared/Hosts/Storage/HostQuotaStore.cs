using Azure;
using Azure.Data.Tables;
using Orbit.Hosts.Central;
using Orbit.Hosts.Usage;

namespace Orbit.Hosts.Storage;

/// <summary>
/// Docker hosts' reports in Azure Tables: per-host usage (one partition per host, see <see cref="HostRows"/>) and the
/// enforcement events in a table of their own, keyed by host, cycle and position.
/// </summary>
public sealed class HostQuotaStore(TableClient usage, TableClient events)
{
    private const int TransactionLimit = 100;
    private const int MaxAttempts = 10;
    private readonly Lazy<Task> created = new(() => Task.WhenAll(usage.CreateIfNotExistsAsync(), events.CreateIfNotExistsAsync()));

    /// <summary>
    /// Stores a verified, valid report: its events (rewritten in place when the same cycle is reported again), then, unless
    /// a newer report is already stored, the users' usage and the host row, the host row last and conditionally.
    /// </summary>
    public async Task<StoredReport> StoreAsync(HostReport report, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        await created.Value.ConfigureAwait(false);

        // Events first: the writes are idempotent, so if the usage write fails the agent's retry rewrites the same rows.
        var eventRows = Enumerable.Range(0, report.Enforcement.Count).Select(index => HostRows.Event(report, index, receivedAt));
        foreach (var chunk in eventRows.Chunk(TransactionLimit))
        {
            await events.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken).ConfigureAwait(false);
        }

        var isLatest = await StoreUsageAsync(report, receivedAt, cancellationToken).ConfigureAwait(false);
        return new StoredReport(isLatest, report.Enforcement.Count, await GetLimitsAsync(report.HostId, cancellationToken).ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<HostSummary>> ListHostsAsync(CancellationToken cancellationToken)
    {
        await created.Value.ConfigureAwait(false);
        var hosts = new List<HostSummary>();
        var filter = TableClient.CreateQueryFilter($"RowKey eq {HostRows.HostKey}");
        await foreach (var row in usage.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            hosts.Add(HostRows.ReadHost(row));
        }

        return hosts;
    }

    /// <summary>The host's usage under the limits in force; null when the host has never reported.</summary>
    public async Task<CentralHostUsage?> GetUsageAsync(string hostId, CancellationToken cancellationToken)
    {
        await created.Value.ConfigureAwait(false);
        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {hostId}");
        await foreach (var row in usage.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return UsageFrom(rows);
    }

    /// <summary>Every reported host's usage under the limits in force, in one query over the usage table.</summary>
    public async Task<IReadOnlyList<CentralHostUsage>> ListUsageAsync(CancellationToken cancellationToken)
    {
        await created.Value.ConfigureAwait(false);
        var rows = new List<TableEntity>();
        await foreach (var row in usage.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows.GroupBy(row => row.PartitionKey, StringComparer.Ordinal).Select(UsageFrom).OfType<CentralHostUsage>().ToList();
    }

    /// <summary>A host's usage from the rows of its partition; null without a host row (limits set, never reported).</summary>
    private static CentralHostUsage? UsageFrom(IEnumerable<TableEntity> partition)
    {
        HostSummary? host = null;
        var reported = new Dictionary<string, StoredUserUsage>(StringComparer.Ordinal);
        var centralLimits = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var row in partition)
        {
            if (row.RowKey == HostRows.HostKey)
            {
                host = HostRows.ReadHost(row);
            }
            else if (row.RowKey.StartsWith(HostRows.UserPrefix, StringComparison.Ordinal))
            {
                var user = HostRows.ReadUser(row);
                reported[user.User] = user;
            }
            else if (row.RowKey.StartsWith(HostRows.LimitPrefix, StringComparison.Ordinal))
            {
                centralLimits[row.RowKey[HostRows.LimitPrefix.Length..]] = row.GetInt64("LimitBytes") ?? 0;
            }
        }

        if (host is null)
        {
            return null;
        }

        var limits = reported.Values
            .Where(user => user.ReportedLimitBytes is not null)
            .ToDictionary(user => user.User, user => user.ReportedLimitBytes!.Value, StringComparer.Ordinal);
        foreach (var (user, limit) in centralLimits)
        {
            limits[user] = limit;
        }

        var hostUsage = HostUsageCalculator.Calculate(
            reported.Values.ToDictionary(user => user.User, user => user.ContainerBytes, StringComparer.Ordinal),
            reported.Values.ToDictionary(user => user.User, user => user.LayerBytes, StringComparer.Ordinal),
            host.Totals.UnattributedBytes,
            limits,
            host.ReservedBytes);
        return new CentralHostUsage(host, hostUsage, reported, centralLimits);
    }

    /// <summary>
    /// Sets a user's limit on a host (0 is stored and never enforced). False, and nothing written, for a host that has never
    /// reported: a limit for a host id nobody runs (a typo) would otherwise be accepted and never apply.
    /// </summary>
    public async Task<bool> SetLimitAsync(string hostId, string user, long limitBytes, DateTimeOffset setAt, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limitBytes);
        await created.Value.ConfigureAwait(false);
        if (await ReadHostRowAsync(hostId, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        await usage.UpsertEntityAsync(HostRows.Limit(hostId, user, limitBytes, setAt), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The limits set at the central service for the host, by user.</summary>
    public async Task<IReadOnlyDictionary<string, long>> GetLimitsAsync(string hostId, CancellationToken cancellationToken)
    {
        await created.Value.ConfigureAwait(false);
        var limits = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {hostId} and RowKey ge {HostRows.LimitPrefix} and RowKey lt {HostRows.LimitPrefixEnd}");
        await foreach (var row in usage.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            limits[row.RowKey[HostRows.LimitPrefix.Length..]] = row.GetInt64("LimitBytes") ?? 0;
        }

        return limits;
    }

    private async Task<bool> StoreUsageAsync(HostReport report, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var hostRow = await ReadHostRowAsync(report.HostId, cancellationToken).ConfigureAwait(false);
            if (hostRow is not null && report.ReportedAt < (hostRow.GetDateTimeOffset("ReportedAt") ?? default))
            {
                return false;
            }

            var reported = report.Users.Select(user => HostRows.UserPrefix + user.User).ToHashSet(StringComparer.Ordinal);
            var actions = report.Users
                .Select(user => new TableTransactionAction(TableTransactionActionType.UpsertReplace, HostRows.User(report.HostId, user)))
                .ToList();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {report.HostId} and RowKey ge {HostRows.UserPrefix} and RowKey lt {HostRows.UserPrefixEnd}");
            await foreach (var row in usage.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (!reported.Contains(row.RowKey))
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All));
                }
            }

            // The host row goes in the last transaction, conditionally: a concurrent writer makes this attempt start over,
            // and a report too large for one transaction is only complete once its host row says so.
            var host = HostRows.Host(report, receivedAt);
            var hostAction = hostRow is null
                ? new TableTransactionAction(TableTransactionActionType.Add, host)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, host, hostRow.ETag);
            var chunks = actions.Chunk(TransactionLimit - 1).ToList();
            if (chunks.Count == 0)
            {
                chunks.Add([]);
            }

            try
            {
                for (var index = 0; index < chunks.Count; index++)
                {
                    IEnumerable<TableTransactionAction> batch = index == chunks.Count - 1 ? [.. chunks[index], hostAction] : chunks[index];
                    await usage.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
                }

                return true;
            }
            catch (RequestFailedException exception) when (exception.Status is 404 or 409 or 412 && attempt < MaxAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(20, 100) * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<TableEntity?> ReadHostRowAsync(string hostId, CancellationToken cancellationToken)
    {
        var response = await usage.GetEntityIfExistsAsync<TableEntity>(hostId, HostRows.HostKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }
}
