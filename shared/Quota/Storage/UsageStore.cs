using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Orbit.Quota.Telemetry;
using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Quota.Storage;

/// <summary>
/// Workspace usage in Azure Tables, one partition per workspace. Every change rewrites the workspace
/// row with If-Match in the same transaction as its image and blob rows, so writers in one workspace are
/// serialized by that row's ETag and the aggregate always equals the sum over the blob rows. A change
/// too large for one transaction (100 operations) is journaled first and then rolled forward, by its
/// writer or by whoever finds the journal next.
/// </summary>
public sealed class UsageStore(TableClient table, ILogger<UsageStore> logger, TimeProvider? time = null)
{
    private const int TransactionLimit = 100;
    private const int MaxAttempts = 200;

    // Past this many rows to read, one partition-range query costs fewer round trips than a point read each.
    private const int PointReadLimit = 8;

    // Azure Tables allows at most 15 comparisons in a filter: the partition key and 14 row keys.
    private const int KeysPerQuery = 14;

    // Past this many rows to read, one scan of their range beats a keyed query per 14 of them.
    private const int KeyedQueryLimit = 16 * KeysPerQuery;
    private const int ReadParallelism = 8;

    // A snapshot holds every record of the workspace in memory; past this many, the planner's read is not kept.
    private const int SnapshotImageLimit = 5_000;
    private readonly Lazy<Task> created = new(() => table.CreateIfNotExistsAsync());
    private readonly ConcurrentDictionary<string, SemaphoreSlim> writers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<PendingUntrack>> pendingUntracks = new(StringComparer.Ordinal);
    private readonly WorkspaceSnapshots snapshots = new();
    private readonly WorkspaceRecordsCache recentReads = new();
    private readonly TimeProvider clock = time ?? TimeProvider.System;

    public async Task<WorkspaceUsage?> GetUsageAsync(WorkspaceId id, CancellationToken cancellationToken) =>
        (await ReadWorkspaceAsync(id, cancellationToken))?.Usage;

    /// <summary>The workspace's usage as one row read finds it, with the row a read of its records may begin from; null for an unknown workspace.</summary>
    public async Task<WorkspaceRowRead?> ReadWorkspaceAsync(WorkspaceId id, CancellationToken cancellationToken)
    {
        var row = await ReadAsync(id, UsageRows.WorkspaceKey, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var usage = UsageRows.ReadWorkspace(row);
        QuotaTelemetry.UsageSeen(usage);
        return new WorkspaceRowRead(usage) { Row = row };
    }

    /// <summary>
    /// Every workspace's aggregate, in one query over the table for the workspace rows (their columns only), however many
    /// workspaces there are: what an overview of all of them costs.
    /// </summary>
    public async Task<IReadOnlyList<WorkspaceUsage>> ListWorkspacesAsync(CancellationToken cancellationToken)
    {
        await created.Value;
        var workspaces = new List<WorkspaceUsage>();
        var filter = TableClient.CreateQueryFilter($"RowKey eq {UsageRows.WorkspaceKey}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: UsageRows.WorkspaceColumns, cancellationToken: cancellationToken))
        {
            workspaces.Add(UsageRows.ReadWorkspace(row));
        }

        return workspaces;
    }

    /// <summary>Creates the workspace with this policy, or changes the policy of an existing one (usage untouched); the workspace as written.</summary>
    public async Task<(bool Created, WorkspaceUsage Usage)> SetPolicyAsync(WorkspaceId id, QuotaPolicy policy, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var row = await ReadAsync(id, UsageRows.WorkspaceKey, cancellationToken);
            try
            {
                if (row is null)
                {
                    var created = new WorkspaceUsage(id, policy, 0, 0);
                    await table.AddEntityAsync(UsageRows.Workspace(created, journalPending: false), cancellationToken);
                    QuotaTelemetry.UsageSeen(created);
                    return (true, created);
                }

                var updated = UsageRows.ReadWorkspace(row) with { Policy = policy };
                await table.UpdateEntityAsync(UsageRows.Workspace(updated, UsageRows.JournalPending(row)), row.ETag, TableUpdateMode.Replace, cancellationToken);
                QuotaTelemetry.UsageSeen(updated);
                return (false, updated);
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412 && attempt < MaxAttempts)
            {
                await BackOffAsync(attempt, cancellationToken);
            }
        }
    }

    public async Task<ImageRecord?> GetImageAsync(WorkspaceId id, RepositoryName repository, Tag tag, CancellationToken cancellationToken)
    {
        var row = await ReadAsync(id, UsageRows.ImageKey(repository, tag), cancellationToken);
        return row is null ? null : UsageRows.ReadImage(row);
    }

    /// <summary>The workspace's records whose tag points at <paramref name="digest"/>.</summary>
    public async Task<IReadOnlyList<ImageRecord>> FindByDigestAsync(WorkspaceId id, Digest digest, CancellationToken cancellationToken)
    {
        await created.Value;
        var records = new List<ImageRecord>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id.Value} and RowKey ge {UsageRows.ImagePrefix} and RowKey lt {UsageRows.PrefixEnd(UsageRows.ImagePrefix)} and Digest eq {digest.Value}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            records.Add(UsageRows.ReadImage(row));
        }

        return records;
    }

    /// <summary>
    /// The workspace's usage and every image record: what the cleanup planner works from; null for an unknown workspace.
    /// <see cref="ConfirmAsync"/> keeps it as a snapshot when nothing changed meanwhile.
    /// </summary>
    public async Task<WorkspaceRecords?> ReadRecordsAsync(WorkspaceId id, CancellationToken cancellationToken) =>
        await ReadAsync(id, UsageRows.WorkspaceKey, cancellationToken) is { } row ? await ReadRecordsAsync(id, row, cancellationToken) : null;

    /// <summary>
    /// The records as <see cref="ReadRecordsAsync(WorkspaceId, CancellationToken)"/> reads them, from a workspace row read
    /// a moment ago instead of reading it again: they are the workspace's while the row keeps that read's ETag (<see cref="ConfirmAsync"/>).
    /// </summary>
    public Task<WorkspaceRecords> ReadRecordsAsync(WorkspaceRowRead from, CancellationToken cancellationToken) =>
        ReadRecordsAsync(from.Usage.Id, from.Row, cancellationToken);

    /// <summary>
    /// The records as <see cref="ReadRecordsAsync(WorkspaceId, CancellationToken)"/> reads them, but from this process's last read of the workspace when
    /// the workspace row (one row read) says nothing changed since that read began: what a dry run asked again and again
    /// works from. Never while a journaled change is being applied, which changes rows under an unchanged workspace row.
    /// A cleanup that is to be carried out reads and confirms its records under its lease instead.
    /// </summary>
    public async Task<WorkspaceRecords?> ReadCurrentRecordsAsync(WorkspaceId id, CancellationToken cancellationToken)
    {
        if (await ReadAsync(id, UsageRows.WorkspaceKey, cancellationToken) is not { } row)
        {
            return null;
        }

        if (UsageRows.JournalPending(row))
        {
            return await ReadRecordsAsync(id, row, cancellationToken);
        }

        if (recentReads.At(id, row.ETag) is { } current)
        {
            return current;
        }

        var read = await ReadRecordsAsync(id, row, cancellationToken);
        recentReads.Remember(id, read);
        return read;
    }

    private async Task<WorkspaceRecords> ReadRecordsAsync(WorkspaceId id, TableEntity row, CancellationToken cancellationToken)
    {
        var usage = UsageRows.ReadWorkspace(row);
        var images = (await QueryRangeAsync(id, UsageRows.ImagePrefix, UsageRows.PrefixEnd(UsageRows.ImagePrefix), cancellationToken, UsageRows.ImageColumns)).Select(UsageRows.ReadImage).ToList();
        return new WorkspaceRecords(usage, images) { ETag = row.ETag };
    }

    /// <summary>The workspace's rows from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), every page of them.</summary>
    /// <param name="select">The properties wanted, when not all of them are: the storage service then sends only those.</param>
    /// <param name="where">A condition on the rows' properties besides their keys, if any.</param>
    private async Task<List<TableEntity>> QueryRangeAsync(
        WorkspaceId id, string from, string to, CancellationToken cancellationToken, IEnumerable<string>? select = null, FormattableString? where = null)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id.Value} and RowKey ge {from} and RowKey lt {to}");
        if (where is not null)
        {
            filter = $"{filter} and {TableClient.CreateQueryFilter(where)}";
        }

        var rows = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: select, cancellationToken: cancellationToken))
        {
            rows.Add(entity);
        }

        return rows;
    }

    /// <summary>
    /// Whether nothing changed the workspace since <paramref name="read"/> began (one row read). Then a workspace of up to
    /// <see cref="SnapshotImageLimit"/> images is kept, with its blob counts, as this process's snapshot of the workspace,
    /// so the cleanup that follows does not read its rows again. The counts are what the records say
    /// (<see cref="UsageAccounting.CountsOf"/>), so their rows, as many again as the images', are never read for it.
    /// </summary>
    public async Task<bool> ConfirmAsync(WorkspaceId id, WorkspaceRecords read, CancellationToken cancellationToken)
    {
        var row = await ReadAsync(id, UsageRows.WorkspaceKey, cancellationToken);
        if (row?.ETag != read.ETag)
        {
            return false;
        }

        // The row as the read began (the same ETag): a journaled change being applied changes rows under it, so no snapshot then.
        if (!UsageRows.JournalPending(row) && read.Images.Count <= SnapshotImageLimit && UsageAccounting.CountsOf(read.Images) is { } counts)
        {
            snapshots.Remember(id, WorkspaceSnapshot.Of(read.ETag, read.Usage, read.Images, counts));
        }

        return true;
    }

    /// <summary>
    /// The workspace's records in the given repositories: from this process's snapshot of the workspace when it holds
    /// one that is current (one row read to tell), else one query per repository.
    /// </summary>
    public async Task<IReadOnlyList<ImageRecord>> ListRepositoriesImagesAsync(WorkspaceId id, IEnumerable<RepositoryName> repositories, CancellationToken cancellationToken)
    {
        var wanted = repositories.ToHashSet();
        if (snapshots.Holds(id)
            && await ReadAsync(id, UsageRows.WorkspaceKey, cancellationToken) is { } row
            && snapshots.At(id, row.ETag) is { } snapshot)
        {
            return snapshot.In(wanted).ToList();
        }

        return (await Task.WhenAll(wanted.Select(repository => ListRepositoryImagesAsync(id, repository, cancellationToken)))).SelectMany(records => records).ToList();
    }

    /// <summary>The workspace's records of one repository.</summary>
    public async Task<IReadOnlyList<ImageRecord>> ListRepositoryImagesAsync(WorkspaceId id, RepositoryName repository, CancellationToken cancellationToken)
    {
        await created.Value;
        var prefix = UsageRows.RepositoryPrefix(repository);
        return (await QueryRangeAsync(id, prefix, UsageRows.PrefixEnd(prefix), cancellationToken, UsageRows.ImageColumns)).Select(UsageRows.ReadImage).ToList();
    }

    /// <summary>A page of the workspace's images, oldest push first, each with the bytes only it references (one read of their blobs' counts).</summary>
    public async Task<ImagePage> ListImagesAsync(WorkspaceId id, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        await created.Value;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id.Value} and RowKey ge {UsageRows.PushedPrefix} and RowKey lt {UsageRows.PrefixEnd(UsageRows.PushedPrefix)}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken).AsPages(continuationToken, pageSize))
        {
            var images = await Task.WhenAll(page.Values.Select(async row => UsageRows.HasBlobs(row)
                ? UsageRows.ReadImage(row)
                : await GetImageAsync(id, RepositoryName.Parse(row.GetString("Repository")!), Tag.Parse(row.GetString("Tag")!), cancellationToken)));
            var records = images.OfType<ImageRecord>().ToList();
            var references = await ReadBlobCountsAsync(id, records.SelectMany(record => record.Blobs.Keys), cancellationToken);
            return new ImagePage(records.Select(record => record.SummaryWith(references)).ToList(), page.ContinuationToken);
        }

        return new ImagePage([], null);
    }

    /// <summary>The record as a track left it, with the bytes only it references: from the change's counts, or read when nothing changed.</summary>
    public async Task<ImageSummary> SummarizeAsync(TrackOutcome outcome, CancellationToken cancellationToken) =>
        outcome.Image.SummaryWith(outcome.Change?.BlobCounts ?? await ReadBlobCountsAsync(outcome.Image.WorkspaceId, outcome.Image.Blobs.Keys, cancellationToken));

    /// <summary>
    /// Tracks an image (upsert by repository and tag) as <see cref="PushOrder.Decide"/> rules: idempotent (the same digest
    /// again changes nothing, its push time included), and a registry event older than the tag's tracked push changes nothing.
    /// </summary>
    /// <param name="fromEvent">The image was learned from a registry event, whose time is <see cref="ImageRecord.PushedAt"/>.</param>
    public Task<TrackOutcome> TrackAsync(ImageRecord image, bool fromEvent, CancellationToken cancellationToken) =>
        MutateAsync(image.WorkspaceId, async usage =>
        {
            // Read together (both after the workspace row, whose ETag the commit is conditional on): registry events come one
            // at a time, and every round trip here holds back the ones behind.
            var countsRead = ReadBlobCountsAsync(image.WorkspaceId, image.Blobs.Keys, cancellationToken);
            var previousRead = GetImageAsync(image.WorkspaceId, image.Repository, image.Tag, cancellationToken);
            await Task.WhenAll(countsRead, previousRead);
            var (previous, counts) = (previousRead.Result, countsRead.Result);
            var decision = PushOrder.Decide(previous, image.Digest, image.PushedAt, fromEvent);
            if (decision is TrackDecision.Unchanged or TrackDecision.Stale)
            {
                return (new TrackOutcome(decision, previous!, null), null);
            }

            var released = previous?.Blobs.Keys.Where(digest => !image.Blobs.ContainsKey(digest)).ToList() ?? [];
            var references = released.Count == 0 ? counts : counts.Concat(await ReadBlobCountsAsync(image.WorkspaceId, released, cancellationToken)).ToDictionary();
            var change = UsageAccounting.Track(usage, previous, image, references);
            return (new TrackOutcome(decision, image, change), change);
        }, cancellationToken);

    /// <summary>
    /// Stops tracking the given tags of one workspace; tags not tracked are skipped. Null when none was tracked.
    /// Untracks that arrive while another writer of the workspace has its turn are committed together in the
    /// next turn (one transaction, or one journal): a cleanup's parallel deletions would otherwise queue
    /// for the workspace row one by one. Each caller still gets what its own tags freed.
    /// </summary>
    public async Task<UsageChange?> UntrackAsync(WorkspaceId id, IReadOnlyList<(RepositoryName Repository, Tag Tag)> tags, CancellationToken cancellationToken) =>
        (await UntrackEachAsync(id, [tags], cancellationToken))[0];

    /// <summary>
    /// Stops tracking several groups of tags of one workspace in one commit, and says what each group freed
    /// (null for a group none of whose tags was tracked): a batch of deleted digests, one group each.
    /// </summary>
    public Task<IReadOnlyList<UsageChange?>> UntrackEachAsync(WorkspaceId id, IReadOnlyList<IReadOnlyList<(RepositoryName Repository, Tag Tag)>> groups, CancellationToken cancellationToken) =>
        UntrackPendingAsync(id, groups.Select(tags => new PendingUntrack(tags)).ToList(), cancellationToken);

    /// <summary>
    /// Untracks whole manifests, each given by its repository, digest and the tags tracked on it (a deleted manifest's
    /// records), in one commit as <see cref="UntrackEachAsync"/> does, and records each one's untrack with it. A manifest
    /// someone else untracked first (the registry's delete event overtaking a cleanup, an earlier attempt of the same work
    /// item) is answered with what that untrack freed, if it happened at or after <paramref name="untrackedSince"/>; null
    /// when nothing was tracked and no such untrack is recorded.
    /// </summary>
    public async Task<IReadOnlyList<ManifestUntrack?>> UntrackManifestsAsync(
        WorkspaceId id, IReadOnlyList<(RepositoryName Repository, Digest Digest, IReadOnlyList<Tag> Tags)> manifests, DateTimeOffset untrackedSince, CancellationToken cancellationToken)
    {
        var pending = manifests.Select(manifest => new PendingUntrack(manifest.Tags.Select(tag => (manifest.Repository, tag)).ToList(), (manifest.Repository, manifest.Digest))).ToList();
        var changes = await UntrackPendingAsync(id, pending, cancellationToken);
        var results = changes
            .Select(change => change is null ? null : new ManifestUntrack(change.ImagesRemoved.Select(image => image.Tag).ToList(), change.FreedBytes, ByThisCall: true))
            .ToArray();
        if (untrackedSince < DateTimeOffset.MaxValue && results.Contains(null))
        {
            var earlier = await UntrackedSinceAsync(id, untrackedSince, cancellationToken);
            for (var index = 0; index < results.Length; index++)
            {
                if (results[index] is null && earlier.TryGetValue((manifests[index].Repository, manifests[index].Digest), out var untrack))
                {
                    results[index] = new ManifestUntrack(untrack.Tags, untrack.FreedBytes, ByThisCall: false);
                }
            }
        }

        return results;
    }

    /// <summary>
    /// The workspace's manifest untracks recorded at or after <paramref name="since"/>, the latest of each manifest: one
    /// query of the untrack rows, which the reconcile keeps to a day's.
    /// </summary>
    private async Task<Dictionary<(RepositoryName, Digest), UntrackedManifest>> UntrackedSinceAsync(WorkspaceId id, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await created.Value;
        var latest = new Dictionary<(RepositoryName, Digest), UntrackedManifest>();
        foreach (var row in await QueryUntrackedAsync(id, $"UntrackedAt ge {since}", cancellationToken))
        {
            foreach (var untrack in UsageRows.ReadUntracked(row))
            {
                if (!latest.TryGetValue((untrack.Repository, untrack.Digest), out var seen) || seen.UntrackedAt < untrack.UntrackedAt)
                {
                    latest[(untrack.Repository, untrack.Digest)] = untrack;
                }
            }
        }

        return latest;
    }

    /// <summary>The workspace's rows of manifest untracks (both layouts) that meet <paramref name="when"/>, a condition on their UntrackedAt.</summary>
    private Task<List<TableEntity>> QueryUntrackedAsync(WorkspaceId id, FormattableString when, CancellationToken cancellationToken, IEnumerable<string>? select = null) =>
        QueryRangeAsync(id, UsageRows.UntrackedPrefix, UsageRows.PrefixEnd(UsageRows.UntrackedPrefix), cancellationToken, select, when);

    /// <summary>
    /// Deletes the records of manifest untracks older than <paramref name="before"/>: they are kept only for the cleanup
    /// that deleted the manifest to learn what it freed (minutes). The count deleted.
    /// </summary>
    public async Task<int> PurgeUntrackedManifestsAsync(WorkspaceId id, DateTimeOffset before, CancellationToken cancellationToken)
    {
        await created.Value;
        var keys = (await QueryUntrackedAsync(id, $"UntrackedAt lt {before}", cancellationToken, select: ["RowKey"])).Select(row => row.RowKey).ToList();
        foreach (var part in keys.Chunk(TransactionLimit))
        {
            // ETag.All: a purge races nothing that matters; an untrack rewriting a row between the query and here loses a record only minutes old at most a day on.
            await table.SubmitTransactionAsync(part.Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(id.Value, key), ETag.All)), cancellationToken);
        }

        return keys.Count;
    }

    private async Task<IReadOnlyList<UsageChange?>> UntrackPendingAsync(WorkspaceId id, List<PendingUntrack> mine, CancellationToken cancellationToken)
    {
        var waiting = pendingUntracks.GetOrAdd(id.Value, _ => []);
        lock (waiting)
        {
            waiting.AddRange(mine);
        }

        var turn = writers.GetOrAdd(id.Value, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken);
        try
        {
            if (mine.Any(pending => !pending.Result.Task.IsCompleted))
            {
                List<PendingUntrack> batch;
                lock (waiting)
                {
                    batch = [.. waiting];
                    waiting.Clear();
                }

                await UntrackBatchAsync(id, batch, cancellationToken);
            }
        }
        finally
        {
            turn.Release();
        }

        return await Task.WhenAll(mine.Select(pending => pending.Result.Task));
    }

    /// <summary>
    /// Commits a turn's untracks. They are planned together on one read of their rows, then committed one transaction at
    /// a time (<see cref="UntrackCommits"/>), each on the workspace row's ETag the previous one returned. A lost race plans
    /// what is left again; what already committed keeps its outcome.
    /// </summary>
    private async Task UntrackBatchAsync(WorkspaceId id, List<PendingUntrack> batch, CancellationToken cancellationToken)
    {
        var open = batch;
        try
        {
            for (var attempt = 1; open.Count > 0; attempt++)
            {
                // The first attempt commits over the snapshot this process holds, if any, without reading the workspace row
                // first: the transaction's If-Match on the row says whether it is still current. A stale one costs a refused
                // transaction, and then the read, as without it. A cleanup's commits, one after the other, each save a round trip.
                var guessed = attempt == 1 ? snapshots.Latest(id) : null;
                WorkspaceSnapshot? snapshot;
                WorkspaceUsage usage;
                ETag etag;
                if (guessed is not null)
                {
                    (snapshot, usage, etag) = (guessed, guessed.Usage, guessed.ETag);
                }
                else
                {
                    var row = await ReadAsync(id, UsageRows.WorkspaceKey, cancellationToken) ?? throw new UnknownWorkspaceException(id);
                    if (UsageRows.JournalPending(row))
                    {
                        await RollForwardAsync(id, cancellationToken);
                        continue;
                    }

                    (snapshot, usage, etag) = (snapshots.At(id, row.ETag), UsageRows.ReadWorkspace(row), row.ETag);
                    if (snapshot is null && snapshots.Latest(id) is { } stale)
                    {
                        // In the writer's turn no commit of this process races the read: another writer changed the workspace.
                        snapshots.Forget(id, stale);
                    }
                }

                // A tag named by two callers (a redelivered deletion) goes with the first; the second finds it gone.
                var claimed = new HashSet<(RepositoryName, Tag)>();
                var keys = open.Select(pending => pending.Tags.Distinct().Where(claimed.Add).ToList()).ToList();
                Func<(RepositoryName Repository, Tag Tag), ImageRecord?> tracked = snapshot is { } current
                    ? current.Find
                    : (await ReadImagesAsync(id, keys.SelectMany(group => group).ToList(), cancellationToken)).GetValueOrDefault;
                var groups = keys
                    .Select(group => (IReadOnlyList<ImageRecord>)group.Select(tracked).OfType<ImageRecord>().ToList())
                    .ToList();
                var references = snapshot?.Counts
                    ?? await ReadBlobCountsAsync(id, groups.SelectMany(group => group).SelectMany(record => record.Blobs.Keys), cancellationToken);
                var perGroup = WithUntrackedManifests(open, UsageAccounting.UntrackEach(usage, groups, references).PerGroup);
                try
                {
                    var committedAll = true;
                    foreach (var (members, change) in UntrackCommits.Split(perGroup, TransactionLimit - 1))
                    {
                        var next = await CommitAsync(usage, etag, change, cancellationToken);
                        foreach (var member in members)
                        {
                            open[member].Result.TrySetResult(perGroup[member]);
                        }

                        if (next is not { } committed)
                        {
                            // Journaled: the workspace row's new ETag is not known here, so what is left is planned again.
                            snapshots.Forget(id);
                            committedAll = false;
                            break;
                        }

                        (usage, etag) = (change.Usage, committed);
                        if (snapshot is not null)
                        {
                            snapshot = snapshot.After(change, committed);
                            snapshots.Remember(id, snapshot);
                        }
                    }

                    // Only once every group of this plan is committed: a group that found nothing may have lost its tags to
                    // another group of this turn, and its caller then reads what that group's commit recorded.
                    for (var index = 0; committedAll && index < open.Count; index++)
                    {
                        if (perGroup[index] is null)
                        {
                            open[index].Result.TrySetResult(null);
                        }
                    }
                }
                catch (RequestFailedException exception) when (exception.Status is 409 or 412 && attempt < MaxAttempts)
                {
                    // Another instance changed the workspace first: plan what is left on what it left, at once after a guess
                    // (the read tells what changed), after a pause after a read (another writer is busy with the workspace).
                    if (guessed is null)
                    {
                        await BackOffAsync(attempt, cancellationToken);
                    }
                    else
                    {
                        snapshots.Forget(id, guessed);
                    }
                }

                open = open.Where(pending => !pending.Result.Task.IsCompleted).ToList();
            }
        }
        catch (Exception exception)
        {
            open.ForEach(pending => pending.Result.TrySetException(exception));
        }
    }

    /// <summary>Each pending untrack of a whole manifest carries the record of it in its change, so it commits with it.</summary>
    private List<UsageChange?> WithUntrackedManifests(List<PendingUntrack> pending, IReadOnlyList<UsageChange?> perGroup)
    {
        var now = clock.GetUtcNow();
        return perGroup.Select((change, index) => change is not null && pending[index].Manifest is { } manifest
            ? change with { UntrackedManifests = [new UntrackedManifest(manifest.Repository, manifest.Digest, change.ImagesRemoved.Select(image => image.Tag).ToList(), change.FreedBytes, now)] }
            : change).ToList();
    }

    /// <summary>Reads the workspace row, plans a change against it, and commits it only if the row is unchanged; else plans again.</summary>
    private async Task<T> MutateAsync<T>(WorkspaceId id, Func<WorkspaceUsage, Task<(T Result, UsageChange? Change)>> plan, CancellationToken cancellationToken)
    {
        // Writers of one workspace in this instance take turns instead of racing for the same ETag and
        // redoing their reads each time one wins; other instances are still kept apart by the ETag.
        var turn = writers.GetOrAdd(id.Value, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken);
        try
        {
            return await MutateInTurnAsync(id, plan, cancellationToken);
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task<T> MutateInTurnAsync<T>(WorkspaceId id, Func<WorkspaceUsage, Task<(T Result, UsageChange? Change)>> plan, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var row = await ReadAsync(id, UsageRows.WorkspaceKey, cancellationToken) ?? throw new UnknownWorkspaceException(id);
            if (UsageRows.JournalPending(row))
            {
                await RollForwardAsync(id, cancellationToken);
                continue;
            }

            var usage = UsageRows.ReadWorkspace(row);
            var (result, change) = await plan(usage);
            if (change is null)
            {
                return result;
            }

            try
            {
                await CommitAsync(usage, row.ETag, change, cancellationToken);
                return result;
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another change to this workspace committed first: plan again on what it left.
                await BackOffAsync(attempt, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Commits <paramref name="change"/> over the workspace row as it was (<paramref name="before"/>, at <paramref name="etag"/>).
    /// Returns the row's new ETag when the change fit one transaction; null when it was journaled and applied in parts.
    /// </summary>
    private async Task<ETag?> CommitAsync(WorkspaceUsage before, ETag etag, UsageChange change, CancellationToken cancellationToken)
    {
        var writes = ChangeRows.Of(change);
        var workspace = UsageRows.Workspace(change.Usage, journalPending: false);
        if (writes.Count + 1 <= TransactionLimit)
        {
            var actions = writes.Select(write => ToAction(workspace.PartitionKey, write)).Prepend(new TableTransactionAction(TableTransactionActionType.UpdateReplace, workspace, etag));
            var responses = await table.SubmitTransactionAsync(actions, cancellationToken);
            return responses.Value[0].Headers.ETag;
        }

        // Too large for one transaction: lock the workspace and record every write in one transaction, then apply.
        var locked = UsageRows.Workspace(before, journalPending: true);
        var journal = UsageJournal.Write(workspace.PartitionKey, [.. writes, RowWrite.Replace(workspace)]);
        await table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, locked, etag),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, journal),
        ], cancellationToken);
        logger.LogInformation("Workspace {Workspace}: a change of {Count} row writes is journaled and applied in parts.", workspace.PartitionKey, writes.Count);
        await RollForwardAsync(change.Usage.Id, cancellationToken);
        return null;
    }

    /// <summary>
    /// Applies a pending journal. Each part also bumps the journal row with If-Match, so a second
    /// roller-forward working at the same time, or a stale one after the journal is done, fails instead
    /// of writing old values over newer ones; the final part clears the lock and deletes the journal atomically.
    /// </summary>
    private async Task RollForwardAsync(WorkspaceId id, CancellationToken cancellationToken)
    {
        while (true)
        {
            var journalRow = await ReadAsync(id, UsageRows.JournalKey, cancellationToken);
            var workspaceRow = await ReadAsync(id, UsageRows.WorkspaceKey, cancellationToken);
            if (workspaceRow is null || !UsageRows.JournalPending(workspaceRow))
            {
                return;
            }

            if (journalRow is null)
            {
                // The flag and the journal are only ever set and cleared together; this is damage, not a race.
                throw new InvalidOperationException($"Workspace {id} is marked as applying a journaled change, but its journal row is missing; its rows need an operator's look.");
            }

            var writes = UsageJournal.Read(journalRow);
            var applied = journalRow.GetInt32("Applied") ?? 0;
            var rowWrites = writes.Take(writes.Count - 1).ToList();
            try
            {
                if (applied < rowWrites.Count)
                {
                    var part = rowWrites.Skip(applied).Take(TransactionLimit - 1).ToList();
                    var progress = new TableEntity(id.Value, UsageRows.JournalKey) { ["Applied"] = applied + part.Count };
                    await table.SubmitTransactionAsync(
                        part.Select(write => ToAction(id.Value, write))
                            .Append(new TableTransactionAction(TableTransactionActionType.UpdateMerge, progress, journalRow.ETag)),
                        cancellationToken);
                    continue;
                }

                await table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, writes[^1].ToEntity(id.Value), workspaceRow.ETag),
                    new TableTransactionAction(TableTransactionActionType.Delete, journalRow, journalRow.ETag),
                ], cancellationToken);
                logger.LogInformation("Workspace {Workspace}: journaled change of {Count} row writes applied.", id, rowWrites.Count);
                return;
            }
            catch (RequestFailedException exception) when (exception.Status is 404 or 409 or 412)
            {
                // Someone else moved the journal on (or finished it): read it again.
            }
        }
    }

    // Each journal part is applied atomically with its progress mark, so a replayed part never meets a row it already deleted.
    private static TableTransactionAction ToAction(string partitionKey, RowWrite write) =>
        write.IsDelete
            ? new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, write.RowKey), ETag.All)
            : new TableTransactionAction(TableTransactionActionType.UpsertReplace, write.ToEntity(partitionKey));

    /// <summary>The image rows of the given tags: point reads when few, else one query per repository they are in.</summary>
    private async Task<IReadOnlyDictionary<(RepositoryName, Tag), ImageRecord>> ReadImagesAsync(WorkspaceId id, IReadOnlyList<(RepositoryName Repository, Tag Tag)> keys, CancellationToken cancellationToken)
    {
        var wanted = keys.ToHashSet();
        IEnumerable<ImageRecord> records;
        if (wanted.Count > PointReadLimit)
        {
            // A cleanup batch's tags come from a few repositories; reading those costs little however large the workspace is.
            var repositories = wanted.Select(key => key.Repository).Distinct()
                .Select(repository => ListRepositoryImagesAsync(id, repository, cancellationToken));
            records = (await Task.WhenAll(repositories)).SelectMany(list => list);
        }
        else
        {
            records = (await Task.WhenAll(wanted.Select(key => GetImageAsync(id, key.Repository, key.Tag, cancellationToken)))).OfType<ImageRecord>();
        }

        return records.Where(record => wanted.Contains((record.Repository, record.Tag))).ToDictionary(record => (record.Repository, record.Tag));
    }

    /// <summary>
    /// The reference counts of the given blobs: point reads when few; queries naming up to <see cref="KeysPerQuery"/>
    /// rows each for a batch's worth; one scan of the blob rows when so many are wanted that the scan is cheaper.
    /// </summary>
    private async Task<IReadOnlyDictionary<Digest, BlobReferenceCount>> ReadBlobCountsAsync(WorkspaceId id, IEnumerable<Digest> digests, CancellationToken cancellationToken)
    {
        var wanted = digests.ToHashSet();
        var rows = new ConcurrentBag<TableEntity>();
        if (wanted.Count > KeyedQueryLimit)
        {
            foreach (var row in await ScanBlobRowsAsync(id, cancellationToken))
            {
                rows.Add(row);
            }
        }
        else
        {
            var reads = wanted.Count > PointReadLimit ? wanted.Chunk(KeysPerQuery) : wanted.Select(digest => new[] { digest });
            await Parallel.ForEachAsync(reads, new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken }, async (chunk, token) =>
            {
                if (chunk.Length == 1)
                {
                    if (await ReadAsync(id, UsageRows.BlobKey(chunk[0]), token) is { } row)
                    {
                        rows.Add(row);
                    }

                    return;
                }

                foreach (var row in await QueryRowsAsync(id, chunk.Select(UsageRows.BlobKey), token))
                {
                    rows.Add(row);
                }
            });
        }

        var counts = new Dictionary<Digest, BlobReferenceCount>();
        foreach (var row in rows)
        {
            if (Digest.TryParse(row.RowKey[UsageRows.BlobPrefix.Length..], out var digest) && wanted.Contains(digest))
            {
                counts[digest] = UsageRows.ReadBlob(row);
            }
        }

        return counts;
    }

    private async Task<List<TableEntity>> ScanBlobRowsAsync(WorkspaceId id, CancellationToken cancellationToken)
    {
        await created.Value;
        return await QueryRangeAsync(id, UsageRows.BlobPrefix, UsageRows.PrefixEnd(UsageRows.BlobPrefix), cancellationToken);
    }

    /// <summary>The rows of one partition with the given keys, in one query.</summary>
    private async Task<List<TableEntity>> QueryRowsAsync(WorkspaceId id, IEnumerable<string> rowKeys, CancellationToken cancellationToken)
    {
        await created.Value;
        var anyKey = string.Join(" or ", rowKeys.Select(key => TableClient.CreateQueryFilter($"RowKey eq {key}")));
        var rows = new List<TableEntity>();
        var filter = $"{TableClient.CreateQueryFilter($"PartitionKey eq {id.Value}")} and ({anyKey})";
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    private async Task<TableEntity?> ReadAsync(WorkspaceId id, string rowKey, CancellationToken cancellationToken)
    {
        await created.Value;
        var response = await table.GetEntityIfExistsAsync<TableEntity>(id.Value, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private static Task BackOffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 10 + (Math.Min(attempt, 10) * 10))), cancellationToken);
}
