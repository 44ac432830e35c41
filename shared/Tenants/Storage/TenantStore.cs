using Azure;
using Azure.Data.Tables;
using Orbit.Registry.References;
using Orbit.Tenants.Registration;

namespace Orbit.Tenants.Storage;

/// <summary>
/// The tenants table: one row per tenant (partition = tenant id), written with optimistic concurrency so
/// that two instances handling the same tenant at once cannot both win, and beside it, in a row of its own so that
/// no write of the tenant loses it, the last deploy's pin.
/// </summary>
public sealed class TenantStore(TableClient table)
{
    private const string RowKey = "tenant";
    private const string DeployRowKey = "deploy";

    private readonly Lazy<Task> created = new(() => table.CreateIfNotExistsAsync());

    public string TableName => table.Name;

    public async Task<StoredTenant?> GetAsync(TenantId id, CancellationToken cancellationToken)
    {
        await created.Value;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(id.Value, RowKey, cancellationToken: cancellationToken);
        return row.HasValue ? new StoredTenant(FromEntity(id, row.Value!), row.Value!.ETag) : null;
    }

    /// <summary>Adds a new tenant; false when a row for that id already exists.</summary>
    public async Task<bool> TryAddAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        await created.Value;
        try
        {
            await table.AddEntityAsync(ToEntity(tenant), cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Replaces the row if it is still at <paramref name="etag"/>; false when someone changed it first.</summary>
    public async Task<bool> TryReplaceAsync(Tenant tenant, ETag etag, CancellationToken cancellationToken)
    {
        await created.Value;
        try
        {
            await table.UpdateEntityAsync(ToEntity(tenant), etag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Records the digest a deploy was pinned to; the latest deploy replaces the one before.</summary>
    public async Task RecordDeployAsync(TenantId id, TenantDeployPin pin, CancellationToken cancellationToken)
    {
        await created.Value;
        await table.UpsertEntityAsync(
            new TableEntity(id.Value, DeployRowKey)
            {
                ["Image"] = pin.Image,
                ["Digest"] = pin.Digest.Value,
                ["Pinned"] = pin.Pinned,
                ["DeployedAt"] = pin.DeployedAt,
            },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    /// <summary>Every tenant, active and deleted, with its last deploy, in one query over the table.</summary>
    public async Task<IReadOnlyList<ListedTenant>> ListAsync(CancellationToken cancellationToken)
    {
        await created.Value;
        var tenants = new Dictionary<string, Tenant>(StringComparer.Ordinal);
        var pins = new Dictionary<string, TenantDeployPin>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"RowKey eq {RowKey} or RowKey eq {DeployRowKey}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (!TenantId.TryParse(row.PartitionKey, out var id))
            {
                continue;
            }

            if (row.RowKey == RowKey)
            {
                tenants[id.Value] = FromEntity(id, row);
            }
            else if (Digest.TryParse(row.GetString("Digest"), out var digest))
            {
                pins[id.Value] = new TenantDeployPin(row.GetString("Image") ?? string.Empty, digest, row.GetString("Pinned") ?? string.Empty, row.GetDateTimeOffset("DeployedAt") ?? DateTimeOffset.MinValue);
            }
        }

        return tenants.Values.Select(tenant => new ListedTenant(tenant, pins.GetValueOrDefault(tenant.Id.Value))).ToList();
    }

    private static TableEntity ToEntity(Tenant tenant) => new(tenant.Id.Value, RowKey)
    {
        ["State"] = tenant.State.ToString(),
        ["Repository"] = tenant.Repository.Value,
        ["CreatedAt"] = tenant.CreatedAt,
        ["DeletedAt"] = tenant.DeletedAt,
        ["KeyHash"] = tenant.KeyHash.Hex,
    };

    private static Tenant FromEntity(TenantId id, TableEntity row) => new(
        id,
        Enum.Parse<TenantState>(row.GetString("State") ?? nameof(TenantState.Deleted)),
        RepositoryName.Parse(row.GetString("Repository") ?? throw new InvalidDataException($"Tenant row {id} has no Repository.")),
        row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        row.GetDateTimeOffset("DeletedAt"),
        TenantKeyHash.FromHex(row.GetString("KeyHash") ?? throw new InvalidDataException($"Tenant row {id} has no KeyHash.")));
}
