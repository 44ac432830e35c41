using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Orbit.Quota.Storage;
using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Quota.Repositories;

/// <summary>
/// Which workspace and app a repository belongs to (<see cref="OwnershipRules"/>), and the admins' explicit mappings,
/// which live in the usage table's <c>~owners</c> partition (a name no workspace id can take). Only an admin writes a
/// mapping; tracking never does.
/// </summary>
public sealed class RepositoryOwners(TableClient table, UsageStore store, TenantRepositories tenants, ILogger<RepositoryOwners> logger)
{
    // Not "~repositories": that partition held a row for every repository any caller had tracked, implicit claims that
    // must not count as an admin's word.
    private const string Partition = "~owners";
    private const int MaxAttempts = 10;
    private readonly Lazy<Task> created = new(() => table.CreateIfNotExistsAsync());

    public TenantRepositories Tenants => tenants;

    /// <summary>The repository's owner (null for a tenant repository or one nobody owns), whether or not that workspace exists.</summary>
    public async Task<RepositoryOwner?> FindAsync(RepositoryName repository, CancellationToken cancellationToken) =>
        // A tenant repository has no owner whatever a mapping row says, so its row is not even read.
        tenants.Contains(repository) ? null : OwnershipRules.Resolve(repository, (await ReadMappingAsync(repository, cancellationToken))?.Owner, tenants);

    /// <summary>Refuses (<see cref="RepositoryOwnershipException"/>) unless <paramref name="workspace"/> may track <paramref name="repository"/> as <paramref name="appId"/>.</summary>
    public async Task RequireTrackableAsync(WorkspaceId workspace, string appId, RepositoryName repository, CancellationToken cancellationToken)
    {
        var owner = await FindAsync(repository, cancellationToken);
        ThrowIf(OwnershipRules.CheckTrack(workspace, appId, repository, owner, tenants));
    }

    /// <summary>Refuses (<see cref="RepositoryOwnershipException"/>) unless <paramref name="workspace"/> owns <paramref name="repository"/>.</summary>
    public async Task RequireOwnedAsync(WorkspaceId workspace, RepositoryName repository, CancellationToken cancellationToken)
    {
        var owner = await FindAsync(repository, cancellationToken);
        ThrowIf(OwnershipRules.CheckOwned(workspace, repository, owner, tenants));
    }

    /// <summary>Refuses (<see cref="RepositoryOwnershipException"/>) the id that would own the tenant repositories by convention.</summary>
    public void RequireAllowedWorkspaceId(WorkspaceId workspace) => ThrowIf(OwnershipRules.CheckWorkspaceId(workspace, tenants));

    /// <summary>
    /// The records among <paramref name="records"/> whose repository <paramref name="workspace"/> owns, by the admins'
    /// <paramref name="mappings"/> (<see cref="ReadMappingsAsync"/>) and the convention: what a cleanup may plan. Others can
    /// only be left from before ownership was enforced; they are logged and left alone.
    /// </summary>
    public IReadOnlyList<ImageRecord> Owned(WorkspaceId workspace, IReadOnlyList<ImageRecord> records, IReadOnlyDictionary<RepositoryName, RepositoryOwner> mappings)
    {
        var verdicts = new Dictionary<RepositoryName, OwnershipRefusal?>();
        var owned = new List<ImageRecord>(records.Count);
        foreach (var record in records)
        {
            if (!verdicts.TryGetValue(record.Repository, out var refusal))
            {
                var owner = OwnershipRules.Resolve(record.Repository, mappings.GetValueOrDefault(record.Repository), tenants);
                refusal = verdicts[record.Repository] = OwnershipRules.CheckOwned(workspace, record.Repository, owner, tenants);
                if (refusal is not null)
                {
                    logger.LogWarning("Workspace {Workspace} has records of {Repository}, which it does not own; the cleanup leaves them alone. {Detail}", workspace, record.Repository, refusal.Detail);
                }
            }

            if (refusal is null)
            {
                owned.Add(record);
            }
        }

        return owned;
    }

    /// <summary>An admin maps <paramref name="repository"/> to <paramref name="owner"/>: true when the mapping is new, false when it was already so or only the app changed.</summary>
    /// <exception cref="UnknownWorkspaceException">The workspace does not exist.</exception>
    /// <exception cref="RepositoryOwnershipException">A rule refuses it (<see cref="OwnershipRules.CheckMapping"/>).</exception>
    public async Task<bool> MapAsync(RepositoryName repository, RepositoryOwner owner, CancellationToken cancellationToken)
    {
        ThrowIf(OwnershipRules.CheckWorkspaceId(owner.WorkspaceId, tenants));
        if (await store.GetUsageAsync(owner.WorkspaceId, cancellationToken) is null)
        {
            throw new UnknownWorkspaceException(owner.WorkspaceId);
        }

        for (var attempt = 1; ; attempt++)
        {
            var current = await ReadMappingAsync(repository, cancellationToken);
            var conventionOwner = OwnershipRules.ByConvention(repository);
            var conventionOwnerExists = conventionOwner is not null && await store.GetUsageAsync(conventionOwner.WorkspaceId, cancellationToken) is not null;
            var otherApps = (await store.ListRepositoryImagesAsync(owner.WorkspaceId, repository, cancellationToken)).Count(record => record.AppId != owner.AppId);
            ThrowIf(OwnershipRules.CheckMapping(repository, owner, current?.Owner, conventionOwnerExists, otherApps, tenants));
            var row = new TableEntity(Partition, Key(repository))
            {
                ["Repository"] = repository.Value,
                ["WorkspaceId"] = owner.WorkspaceId.Value,
                ["AppId"] = owner.AppId,
            };
            try
            {
                if (current is null)
                {
                    await table.AddEntityAsync(row, cancellationToken);
                }
                else
                {
                    await table.UpdateEntityAsync(row, current.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                logger.LogInformation("Repository {Repository} mapped to app {App} of workspace {Workspace} by an admin{Before}.",
                    repository, owner.AppId, owner.WorkspaceId, current is null ? string.Empty : $" (was app {current.Value.Owner.AppId})");
                return current is null;
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another admin wrote the mapping meanwhile: judge the request again on what they wrote.
            }
        }
    }

    /// <summary>An admin deletes the mapping of <paramref name="repository"/>, leaving its ownership to the convention.</summary>
    /// <exception cref="RepositoryOwnershipException">No mapping, or the mapped workspace still tracks images of it (<see cref="OwnershipRules.CheckUnmapping"/>).</exception>
    public async Task UnmapAsync(RepositoryName repository, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await ReadMappingAsync(repository, cancellationToken);
            var tracked = current is null ? 0 : (await store.ListRepositoryImagesAsync(current.Value.Owner.WorkspaceId, repository, cancellationToken)).Count;
            ThrowIf(OwnershipRules.CheckUnmapping(repository, current?.Owner, tracked));
            try
            {
                await table.DeleteEntityAsync(Partition, Key(repository), current!.Value.ETag, cancellationToken);
                logger.LogInformation("Admin mapping of repository {Repository} to workspace {Workspace} deleted.", repository, current.Value.Owner.WorkspaceId);
                return;
            }
            catch (RequestFailedException exception) when (exception.Status is 404 or 412 && attempt < MaxAttempts)
            {
                // Another admin changed or deleted the mapping meanwhile: judge the request again on what they left.
            }
        }
    }

    private async Task<(RepositoryOwner Owner, ETag ETag)?> ReadMappingAsync(RepositoryName repository, CancellationToken cancellationToken)
    {
        await created.Value;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Key(repository), cancellationToken: cancellationToken);
        return row.HasValue && Read(row.Value!) is { } owner ? (owner, row.Value!.ETag) : null;
    }

    /// <summary>Every admin mapping (one query: there are few), for <see cref="Owned"/>.</summary>
    public async Task<IReadOnlyDictionary<RepositoryName, RepositoryOwner>> ReadMappingsAsync(CancellationToken cancellationToken)
    {
        await created.Value;
        var mappings = new Dictionary<RepositoryName, RepositoryOwner>();
        await foreach (var row in table.QueryAsync<TableEntity>(entity => entity.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            if (RepositoryName.TryParse(row.GetString("Repository"), out var repository) && Read(row) is { } owner)
            {
                mappings[repository] = owner;
            }
        }

        return mappings;
    }

    private static RepositoryOwner? Read(TableEntity row) =>
        WorkspaceId.TryParse(row.GetString("WorkspaceId"), out var workspace) && RepositoryOwner.IsValidAppId(row.GetString("AppId"))
            ? new RepositoryOwner(workspace, row.GetString("AppId")!, Mapped: true)
            : null;

    private static void ThrowIf(OwnershipRefusal? refusal)
    {
        if (refusal is not null)
        {
            throw new RepositoryOwnershipException(refusal);
        }
    }

    private static string Key(RepositoryName repository) => repository.Value.Replace('/', '!');
}
